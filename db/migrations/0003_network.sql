-- Connections between organizations, notifications, reports and the moderation audit log:
-- shared by matching, chat, clusters and the staff console.

CREATE TABLE connections (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	from_org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	to_org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'accepted', 'declined', 'withdrawn')),
	message text CHECK (char_length(message) <= 1000),
	created_by uuid REFERENCES users (id) ON DELETE SET NULL,
	responded_by uuid REFERENCES users (id) ON DELETE SET NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	responded_at timestamptz,
	CHECK (from_org_id <> to_org_id)
);
-- At most one open (pending or accepted) connection per pair, whichever side asked.
CREATE UNIQUE INDEX connections_open_pair_key ON connections (least(from_org_id, to_org_id), greatest(from_org_id, to_org_id))
	WHERE status IN ('pending', 'accepted');
CREATE INDEX connections_from_idx ON connections (from_org_id, created_at);
CREATE INDEX connections_to_idx ON connections (to_org_id, created_at);

CREATE TABLE notifications (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	kind text NOT NULL,
	-- Structured data (ids, names), rendered in the reader's language at display time.
	payload jsonb NOT NULL DEFAULT '{}',
	read_at timestamptz,
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX notifications_user_idx ON notifications (user_id, id DESC);
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL;

CREATE TABLE reports (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	reporter_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
	target_type text NOT NULL CHECK (target_type IN ('message', 'organization', 'cluster', 'user')),
	target_id text NOT NULL,
	reason text NOT NULL CHECK (reason IN ('spam', 'abuse', 'harassment', 'fraud', 'inappropriate', 'other')),
	details text CHECK (char_length(details) <= 2000),
	status text NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'dismissed', 'actioned')),
	outcome text,
	resolved_by uuid REFERENCES users (id) ON DELETE SET NULL,
	resolved_at timestamptz,
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX reports_open_target_idx ON reports (target_type, target_id) WHERE status = 'open';

-- Every staff action, append-only: the app may insert, never update or delete.
CREATE TABLE moderation_actions (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	actor_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
	action text NOT NULL,
	target_type text NOT NULL,
	target_id text NOT NULL,
	reason text,
	details jsonb NOT NULL DEFAULT '{}',
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX moderation_actions_target_idx ON moderation_actions (target_type, target_id);
CREATE INDEX moderation_actions_created_idx ON moderation_actions (created_at DESC);

CREATE FUNCTION moderation_actions_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'moderation_actions is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER moderation_actions_no_update BEFORE UPDATE OR DELETE ON moderation_actions
	FOR EACH ROW EXECUTE FUNCTION moderation_actions_append_only();
