-- The staff console: verification requests (with an optional document), and why a user is suspended.

CREATE TABLE verification_requests (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	registration_number text NOT NULL CHECK (char_length(registration_number) BETWEEN 1 AND 64),
	-- Stored under the data directory with a server-generated name; type checked by content.
	document_path text,
	document_type text CHECK (document_type IN ('application/pdf', 'image/jpeg', 'image/png', 'image/webp')),
	note text CHECK (char_length(note) <= 2000),
	status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'verified', 'rejected')),
	requested_by uuid REFERENCES users (id) ON DELETE SET NULL,
	decided_by uuid REFERENCES users (id) ON DELETE SET NULL,
	reason text CHECK (char_length(reason) <= 2000),
	decided_at timestamptz,
	created_at timestamptz NOT NULL DEFAULT now(),
	CHECK ((document_path IS NULL) = (document_type IS NULL))
);
-- One open request per organization at a time.
CREATE UNIQUE INDEX verification_requests_pending_key ON verification_requests (organization_id) WHERE status = 'pending';
CREATE INDEX verification_requests_status_idx ON verification_requests (status, created_at);

ALTER TABLE users ADD COLUMN suspended_reason text;
