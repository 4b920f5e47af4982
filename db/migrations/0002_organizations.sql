-- Organizations (cooperatives and partners), their members and invitations, the taxonomy,
-- offers and needs, and the search outbox that keeps Meilisearch true to this database.

CREATE TABLE sectors (
	code text PRIMARY KEY,
	label_ar text NOT NULL,
	label_fr text NOT NULL,
	label_en text NOT NULL,
	sort integer NOT NULL DEFAULT 0
);

CREATE TABLE value_chain_stages (
	code text PRIMARY KEY,
	label_ar text NOT NULL,
	label_fr text NOT NULL,
	label_en text NOT NULL,
	sort integer NOT NULL DEFAULT 0
);

CREATE TABLE value_chains (
	code text PRIMARY KEY,
	label_ar text NOT NULL,
	label_fr text NOT NULL,
	label_en text NOT NULL,
	sort integer NOT NULL DEFAULT 0
);

CREATE TABLE categories (
	code text PRIMARY KEY,
	kind text NOT NULL CHECK (kind IN ('product', 'service')),
	chain_code text REFERENCES value_chains (code) ON DELETE RESTRICT,
	stage_code text NOT NULL REFERENCES value_chain_stages (code) ON DELETE RESTRICT,
	label_ar text NOT NULL,
	label_fr text NOT NULL,
	label_en text NOT NULL,
	sort integer NOT NULL DEFAULT 0,
	CHECK ((kind = 'product') = (chain_code IS NOT NULL))
);

CREATE TABLE organizations (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	kind text NOT NULL CHECK (kind IN ('cooperative', 'partner')),
	-- For partners: foreign region, NGO, expert body, support body, buyer.
	partner_type text CHECK (partner_type IN ('region', 'ngo', 'expert', 'support', 'buyer')),
	slug text NOT NULL CHECK (slug ~ '^[a-z0-9][a-z0-9-]{1,78}[a-z0-9]$'),
	name_ar text,
	name_fr text,
	name_en text,
	description_ar text,
	description_fr text,
	description_en text,
	-- Cooperatives: one of the eight provinces of the Oriental, and a town.
	province text CHECK (province IN ('oujda_angad', 'berkane', 'nador', 'driouch', 'taourirt', 'jerada', 'guercif', 'figuig')),
	town text,
	-- ISO 3166-1 alpha-2; 'MA' for cooperatives. Partners: their country and region.
	country text NOT NULL DEFAULT 'MA' CHECK (country ~ '^[A-Z]{2}$'),
	region text,
	lat double precision CHECK (lat BETWEEN -90 AND 90),
	lng double precision CHECK (lng BETWEEN -180 AND 180),
	founded_year integer CHECK (founded_year BETWEEN 1900 AND 2100),
	members_total integer CHECK (members_total >= 0),
	members_women integer CHECK (members_women >= 0),
	members_youth integer CHECK (members_youth >= 0),
	legal_form text,
	registration_number text,
	certifications text[] NOT NULL DEFAULT '{}',
	languages text[] NOT NULL DEFAULT '{}',
	contact_email text,
	contact_phone text,
	website text,
	logo_path text,
	status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'hidden')),
	suspended_until timestamptz,
	suspended_reason text,
	verified_at timestamptz,
	verified_by uuid REFERENCES users (id) ON DELETE SET NULL,
	created_by uuid REFERENCES users (id) ON DELETE SET NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	-- Bumped by profile edits, listings, messages: "recent activity" for matching.
	last_active_at timestamptz NOT NULL DEFAULT now(),
	CHECK (coalesce(name_ar, name_fr, name_en) IS NOT NULL),
	CHECK (members_women IS NULL OR members_total IS NULL OR members_women <= members_total),
	CHECK (members_youth IS NULL OR members_total IS NULL OR members_youth <= members_total),
	CHECK (kind = 'partner' OR partner_type IS NULL),
	CHECK ((lat IS NULL) = (lng IS NULL))
);
CREATE UNIQUE INDEX organizations_slug_key ON organizations (slug);
CREATE INDEX organizations_status_idx ON organizations (status);
CREATE INDEX organizations_province_idx ON organizations (province);
-- Degraded search (Meilisearch down) uses trigram similarity on the names.
CREATE INDEX organizations_names_trgm_idx ON organizations
	USING gin ((coalesce(name_ar, '') || ' ' || coalesce(name_fr, '') || ' ' || coalesce(name_en, '')) gin_trgm_ops);

CREATE TABLE organization_sectors (
	organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	sector_code text NOT NULL REFERENCES sectors (code) ON DELETE RESTRICT,
	PRIMARY KEY (organization_id, sector_code)
);
CREATE INDEX organization_sectors_sector_idx ON organization_sectors (sector_code);

CREATE TABLE organization_members (
	organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	user_id uuid NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	role text NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
	created_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX organization_members_user_idx ON organization_members (user_id);

-- Only the SHA-256 of an invitation token is stored.
CREATE TABLE organization_invitations (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	email text NOT NULL CHECK (email = lower(email)),
	role text NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
	token_hash text NOT NULL UNIQUE,
	invited_by uuid REFERENCES users (id) ON DELETE SET NULL,
	expires_at timestamptz NOT NULL,
	accepted_at timestamptz,
	accepted_by uuid REFERENCES users (id) ON DELETE SET NULL,
	revoked_at timestamptz,
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX organization_invitations_org_idx ON organization_invitations (organization_id);

-- Offers ("what we offer") and needs ("what we seek").
CREATE TABLE listings (
	id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
	organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	kind text NOT NULL CHECK (kind IN ('offer', 'need')),
	category_code text NOT NULL REFERENCES categories (code) ON DELETE RESTRICT,
	stage_code text NOT NULL REFERENCES value_chain_stages (code) ON DELETE RESTRICT,
	title_ar text,
	title_fr text,
	title_en text,
	text_ar text,
	text_fr text,
	text_en text,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now(),
	CHECK (coalesce(title_ar, title_fr, title_en) IS NOT NULL)
);
CREATE INDEX listings_org_idx ON listings (organization_id);
CREATE INDEX listings_category_kind_idx ON listings (category_code, kind);

-- Written in the same transaction as the change it describes; drained to Meilisearch by a worker
-- that marks a row done only once Meilisearch confirms the task.
CREATE TABLE search_outbox (
	id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
	entity text NOT NULL CHECK (entity IN ('organization', 'cluster')),
	entity_id uuid NOT NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	processed_at timestamptz,
	attempts integer NOT NULL DEFAULT 0,
	next_attempt_at timestamptz NOT NULL DEFAULT now(),
	last_error text
);
CREATE INDEX search_outbox_pending_idx ON search_outbox (next_attempt_at, id) WHERE processed_at IS NULL;
