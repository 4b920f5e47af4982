-- Second factor (TOTP with recovery codes; required for staff and admins) and the session flag
-- that says the second factor was given for this session.

ALTER TABLE users ADD COLUMN totp_enabled boolean NOT NULL DEFAULT false;
ALTER TABLE sessions ADD COLUMN two_factor_verified boolean NOT NULL DEFAULT false;

-- The TOTP key; kept until setup is confirmed with a first valid code (enabled_at).
CREATE TABLE user_totp_keys (
	user_id uuid PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
	secret bytea NOT NULL CHECK (octet_length(secret) = 20),
	enabled_at timestamptz,
	-- The last accepted time step: a code is accepted once (no replay within its 30 s window).
	last_used_step bigint,
	created_at timestamptz NOT NULL DEFAULT now()
);

-- Single-use recovery codes; only their SHA-256 is stored.
CREATE TABLE recovery_codes (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	code_hash text NOT NULL,
	used_at timestamptz,
	created_at timestamptz NOT NULL DEFAULT now(),
	UNIQUE (user_id, code_hash)
);
