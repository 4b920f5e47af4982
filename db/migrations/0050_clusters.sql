-- Clusters (التكتل): organizations grouping towards a collective enterprise. A cluster is proposed
-- by an organization (its coordinator), gathers members, is submitted to staff, and becomes active
-- and public when approved. Every transition is kept in cluster_events (who, when, why).

CREATE TABLE clusters (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	slug text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$'),
	name_ar text,
	name_fr text,
	name_en text,
	purpose_ar text,
	purpose_fr text,
	purpose_en text,
	sector_code text NOT NULL REFERENCES sectors (code) ON DELETE RESTRICT,
	chain_code text REFERENCES value_chains (code) ON DELETE RESTRICT,
	provinces text[] NOT NULL DEFAULT '{}' CHECK (
		provinces <@ ARRAY['oujda_angad', 'berkane', 'nador', 'driouch', 'taourirt', 'jerada', 'guercif', 'figuig']::text[]
	),
	status text NOT NULL DEFAULT 'forming' CHECK (status IN ('forming', 'submitted', 'active', 'archived')),
	coordinator_org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE RESTRICT,
	created_by uuid REFERENCES users (id) ON DELETE SET NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	submitted_at timestamptz,
	approved_at timestamptz,
	approved_by uuid REFERENCES users (id) ON DELETE SET NULL,
	archived_at timestamptz,
	CHECK (coalesce(name_ar, name_fr, name_en) IS NOT NULL)
);
CREATE UNIQUE INDEX clusters_slug_key ON clusters (slug);
CREATE INDEX clusters_status_idx ON clusters (status);

CREATE TABLE cluster_members (
	cluster_id uuid NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
	organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	status text NOT NULL CHECK (status IN ('invited', 'requested', 'active', 'declined', 'left', 'removed')),
	role text NOT NULL DEFAULT 'member' CHECK (role IN ('coordinator', 'member')),
	-- The invitation's or request's note, shown to the other side.
	message text CHECK (char_length(message) <= 1000),
	joined_at timestamptz,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (cluster_id, organization_id),
	CHECK (role = 'member' OR status = 'active')
);
CREATE INDEX cluster_members_org_idx ON cluster_members (organization_id, status);
-- Exactly one coordinator per cluster.
CREATE UNIQUE INDEX cluster_members_one_coordinator_key ON cluster_members (cluster_id) WHERE role = 'coordinator';

CREATE TABLE cluster_events (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	cluster_id uuid NOT NULL REFERENCES clusters (id) ON DELETE CASCADE,
	event text NOT NULL,
	actor_user_id uuid REFERENCES users (id) ON DELETE SET NULL,
	actor_org_id uuid REFERENCES organizations (id) ON DELETE SET NULL,
	target_org_id uuid REFERENCES organizations (id) ON DELETE SET NULL,
	from_status text,
	to_status text,
	reason text CHECK (char_length(reason) <= 2000),
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX cluster_events_cluster_idx ON cluster_events (cluster_id, id);
