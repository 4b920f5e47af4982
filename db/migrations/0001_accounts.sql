-- Accounts, sessions (lucia), sign-in throttling, password resets, and app metadata.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE EXTENSION IF NOT EXISTS unaccent;

CREATE TABLE app_meta (
	key text PRIMARY KEY,
	value jsonb NOT NULL,
	updated_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE users (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	email text NOT NULL CHECK (email = lower(email) AND char_length(email) BETWEEN 3 AND 254),
	password_hash text NOT NULL,
	display_name text NOT NULL CHECK (char_length(display_name) BETWEEN 1 AND 80),
	locale text NOT NULL DEFAULT 'ar' CHECK (locale IN ('ar', 'fr', 'en')),
	role text NOT NULL DEFAULT 'member' CHECK (role IN ('member', 'staff', 'admin')),
	status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'suspended')),
	suspended_until timestamptz,
	password_changed_at timestamptz NOT NULL DEFAULT now(),
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX users_email_key ON users (email);

-- lucia's session table; created_at bounds a session's absolute lifetime (lucia only slides expires_at).
CREATE TABLE sessions (
	id text PRIMARY KEY,
	user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	expires_at timestamptz NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	ip text,
	user_agent text
);
CREATE INDEX sessions_user_id_idx ON sessions (user_id);

-- One row per failed sign-in; counted over a sliding window per account and per IP.
CREATE TABLE auth_failures (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	scope text NOT NULL CHECK (scope IN ('account', 'ip')),
	key text NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX auth_failures_lookup_idx ON auth_failures (scope, key, created_at);

-- Only the SHA-256 of a reset token is stored; the token itself exists only in the e-mail.
CREATE TABLE password_reset_tokens (
	token_hash text PRIMARY KEY,
	user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	expires_at timestamptz NOT NULL,
	used_at timestamptz,
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX password_reset_tokens_user_id_idx ON password_reset_tokens (user_id);
