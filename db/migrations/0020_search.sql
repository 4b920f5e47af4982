-- Search: what the Meilisearch index holds, also kept in PostgreSQL (the degraded search reads it
-- when Meilisearch is down), and the outbox wiring that keeps both true to the source tables.

-- One row per organization that search may show (published, not suspended). Written by the
-- outbox worker and the reindex from the organization's current state, never by domain code.
CREATE TABLE search_documents (
	organization_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
	kind text NOT NULL,
	province text,
	country text NOT NULL,
	sectors text[] NOT NULL DEFAULT '{}',
	offer_categories text[] NOT NULL DEFAULT '{}',
	need_categories text[] NOT NULL DEFAULT '{}',
	stages text[] NOT NULL DEFAULT '{}',
	verified boolean NOT NULL,
	women_led boolean NOT NULL,
	lat double precision,
	lng double precision,
	-- Folded text (lower case, no accents, no harakat, one alef): names alone and everything searchable.
	names text NOT NULL,
	body text NOT NULL,
	-- The Meilisearch document as sent, to render degraded hits the same way.
	doc jsonb NOT NULL,
	synced_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX search_documents_body_trgm_idx ON search_documents USING gin (body gin_trgm_ops);
CREATE INDEX search_documents_sectors_idx ON search_documents USING gin (sectors);
CREATE INDEX search_documents_offer_categories_idx ON search_documents USING gin (offer_categories);
CREATE INDEX search_documents_need_categories_idx ON search_documents USING gin (need_categories);
CREATE INDEX search_documents_province_idx ON search_documents (province);

-- Wakes the worker when outbox rows commit (NOTIFY is delivered at commit, once per transaction),
-- so an edit is searchable in milliseconds instead of a polling interval.
CREATE FUNCTION search_outbox_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('search_outbox', '');
	RETURN NULL;
END;
$$;
CREATE TRIGGER search_outbox_notify AFTER INSERT ON search_outbox
	FOR EACH STATEMENT EXECUTE FUNCTION search_outbox_notify();

-- Pending rows of one entity (scheduling the end of a suspension), and pruning of done rows.
CREATE INDEX search_outbox_entity_pending_idx ON search_outbox (entity_id) WHERE processed_at IS NULL;
CREATE INDEX search_outbox_processed_idx ON search_outbox (processed_at) WHERE processed_at IS NOT NULL;
