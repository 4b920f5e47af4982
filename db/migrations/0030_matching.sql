-- Matching: one denormalized row per organization with what scoring needs (offers, needs,
-- value-chain positions, sectors, languages, place, status), and postings to find candidates by;
-- both kept true by triggers on the tables they derive from, so that no caller has to remember
-- them. And the "not relevant" list of each organization.

CREATE TABLE match_profiles (
	organization_id uuid PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
	kind text NOT NULL,
	partner_type text,
	status text NOT NULL,
	suspended_until timestamptz,
	province text,
	country text NOT NULL,
	lat double precision,
	lng double precision,
	languages text[] NOT NULL DEFAULT '{}',
	verified boolean NOT NULL DEFAULT false,
	last_active_at timestamptz NOT NULL,
	sectors text[] NOT NULL DEFAULT '{}',
	-- Category codes of the organization's offers and needs.
	offers text[] NOT NULL DEFAULT '{}',
	needs text[] NOT NULL DEFAULT '{}',
	-- Where the organization works along value chains, from its offers: '<chain>:<stage>' for
	-- products, '*:<stage>' for services (a service serves every chain).
	chain_keys text[] NOT NULL DEFAULT '{}',
	-- The chains it offers or seeks in (its stated interests).
	chains text[] NOT NULL DEFAULT '{}'
);

CREATE FUNCTION match_refresh_orgs(ids uuid[]) RETURNS void LANGUAGE sql AS $$
	INSERT INTO match_profiles AS p (organization_id, kind, partner_type, status, suspended_until,
		province, country, lat, lng, languages, verified, last_active_at)
	SELECT o.id, o.kind, o.partner_type, o.status, o.suspended_until, o.province, o.country, o.lat,
		o.lng, o.languages, o.verified_at IS NOT NULL, o.last_active_at
	FROM organizations o WHERE o.id = ANY (ids)
	ON CONFLICT (organization_id) DO UPDATE SET kind = excluded.kind,
		partner_type = excluded.partner_type, status = excluded.status,
		suspended_until = excluded.suspended_until, province = excluded.province,
		country = excluded.country, lat = excluded.lat, lng = excluded.lng,
		languages = excluded.languages, verified = excluded.verified,
		last_active_at = excluded.last_active_at;
$$;

CREATE FUNCTION match_refresh_listings(ids uuid[]) RETURNS void LANGUAGE sql AS $$
	UPDATE match_profiles p SET offers = x.offers, needs = x.needs, chain_keys = x.chain_keys,
		chains = x.chains
	FROM (
		SELECT i.id,
			coalesce(array_agg(DISTINCT l.category_code) FILTER (WHERE l.kind = 'offer'), '{}') AS offers,
			coalesce(array_agg(DISTINCT l.category_code) FILTER (WHERE l.kind = 'need'), '{}') AS needs,
			coalesce(array_agg(DISTINCT coalesce(c.chain_code, '*') || ':' || l.stage_code)
				FILTER (WHERE l.kind = 'offer'), '{}') AS chain_keys,
			coalesce(array_agg(DISTINCT c.chain_code) FILTER (WHERE c.chain_code IS NOT NULL), '{}') AS chains
		FROM unnest(ids) AS i (id)
		LEFT JOIN listings l ON l.organization_id = i.id
		LEFT JOIN categories c ON c.code = l.category_code
		GROUP BY i.id
	) x
	WHERE p.organization_id = x.id;
$$;

CREATE FUNCTION match_refresh_sectors(ids uuid[]) RETURNS void LANGUAGE sql AS $$
	UPDATE match_profiles p SET sectors = coalesce(
		(SELECT array_agg(s.sector_code ORDER BY s.sector_code) FROM organization_sectors s
		 WHERE s.organization_id = p.organization_id), '{}')
	WHERE p.organization_id = ANY (ids);
$$;

-- Statement-level triggers with transition tables: a bulk insert of 100,000 rows refreshes the
-- profiles in one set-based statement, not 100,000 times.
CREATE FUNCTION match_on_organizations() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM match_refresh_orgs(ARRAY(SELECT id FROM new_rows));
	RETURN NULL;
END;
$$;
CREATE TRIGGER match_organizations_insert AFTER INSERT ON organizations
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_on_organizations();
CREATE TRIGGER match_organizations_update AFTER UPDATE ON organizations
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_on_organizations();

-- One function for the three events of a child table: the ids of the organizations touched.
CREATE FUNCTION match_on_org_children() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
	ids uuid[];
BEGIN
	IF TG_OP = 'INSERT' THEN
		ids := ARRAY(SELECT DISTINCT organization_id FROM new_rows);
	ELSIF TG_OP = 'DELETE' THEN
		ids := ARRAY(SELECT DISTINCT organization_id FROM old_rows);
	ELSE
		ids := ARRAY(SELECT organization_id FROM new_rows UNION SELECT organization_id FROM old_rows);
	END IF;
	IF TG_TABLE_NAME = 'listings' THEN
		PERFORM match_refresh_listings(ids);
	ELSE
		PERFORM match_refresh_sectors(ids);
	END IF;
	RETURN NULL;
END;
$$;
CREATE TRIGGER match_listings_insert AFTER INSERT ON listings
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_on_org_children();
CREATE TRIGGER match_listings_update AFTER UPDATE ON listings
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_on_org_children();
CREATE TRIGGER match_listings_delete AFTER DELETE ON listings
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION match_on_org_children();
CREATE TRIGGER match_sectors_insert AFTER INSERT ON organization_sectors
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_on_org_children();
CREATE TRIGGER match_sectors_update AFTER UPDATE ON organization_sectors
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_on_org_children();
CREATE TRIGGER match_sectors_delete AFTER DELETE ON organization_sectors
	REFERENCING OLD TABLE AS old_rows FOR EACH STATEMENT EXECUTE FUNCTION match_on_org_children();

-- The taxonomy sync rewrites every category at boot; only a real change of chain moves positions.
CREATE FUNCTION match_on_categories() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM match_refresh_listings(ARRAY(
		SELECT DISTINCT l.organization_id FROM listings l
		WHERE l.category_code IN (
			SELECT n.code FROM new_rows n JOIN old_rows o ON o.code = n.code
			WHERE o.chain_code IS DISTINCT FROM n.chain_code)));
	RETURN NULL;
END;
$$;
CREATE TRIGGER match_categories_update AFTER UPDATE ON categories
	REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_on_categories();

-- Candidates are read from postings: one row per organization and offer ('offer:<category>'),
-- need ('need:<category>'), pair of an offer and a need ('x:<offer>|<need>': the two-way fits
-- are read directly), pair of offers ('oo:<a>|<b>') or of needs ('nn:<a>|<b>', a < b: the
-- two-category fits are read directly too; byte order, as JavaScript sorts) and value-chain position ('at:<chain>:<stage>'), with what the
-- filters need, so that "the best-ranked organizations offering packaging" is an index-only
-- scan that stops after a few dozen rows, whatever the number of organizations. The order is
-- static: recent activity, with verification worth 180 days of it (the same trade as the score).
CREATE TABLE match_postings (
	code text NOT NULL,
	organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	kind text NOT NULL,
	province text,
	lat double precision,
	lng double precision,
	published boolean NOT NULL,
	rank_at timestamptz NOT NULL,
	PRIMARY KEY (organization_id, code)
);
-- Narrow on purpose: the index, not the table, is what a suggestion reads.
CREATE INDEX match_postings_rank_idx ON match_postings (code, rank_at DESC)
	INCLUDE (organization_id, kind, province, lat, lng) WHERE published;

CREATE FUNCTION match_refresh_postings(ids uuid[]) RETURNS void LANGUAGE sql AS $$
	DELETE FROM match_postings WHERE organization_id = ANY (ids);
	INSERT INTO match_postings (code, organization_id, kind, province, lat, lng, published, rank_at)
	SELECT DISTINCT x.code, p.organization_id, p.kind, p.province, p.lat, p.lng,
		p.status = 'published',
		p.last_active_at + CASE WHEN p.verified THEN interval '180 days' ELSE interval '0' END
	FROM match_profiles p
	CROSS JOIN LATERAL (
		SELECT 'offer:' || c FROM unnest(p.offers) c
		UNION ALL SELECT 'need:' || c FROM unnest(p.needs) c
		UNION ALL SELECT 'at:' || k FROM unnest(p.chain_keys) k
		UNION ALL SELECT 'x:' || o || '|' || n FROM unnest(p.offers) o, unnest(p.needs) n
		UNION ALL SELECT 'oo:' || a || '|' || b FROM unnest(p.offers) a, unnest(p.offers) b WHERE a < b COLLATE "C"
		UNION ALL SELECT 'nn:' || a || '|' || b FROM unnest(p.needs) a, unnest(p.needs) b WHERE a < b COLLATE "C"
	) AS x (code)
	WHERE p.organization_id = ANY (ids);
$$;

CREATE FUNCTION match_on_profiles() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM match_refresh_postings(ARRAY(SELECT organization_id FROM new_rows));
	RETURN NULL;
END;
$$;
CREATE TRIGGER match_profiles_insert AFTER INSERT ON match_profiles
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_on_profiles();
CREATE TRIGGER match_profiles_update AFTER UPDATE ON match_profiles
	REFERENCING NEW TABLE AS new_rows FOR EACH STATEMENT EXECUTE FUNCTION match_on_profiles();

-- Organizations that existed before this migration.
SELECT match_refresh_orgs(ARRAY(SELECT id FROM organizations));
SELECT match_refresh_listings(ARRAY(SELECT id FROM organizations));
SELECT match_refresh_sectors(ARRAY(SELECT id FROM organizations));

-- "Not relevant": the organization stops appearing in this organization's suggestions (undo
-- deletes the row).
CREATE TABLE match_dismissals (
	organization_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	dismissed_org_id uuid NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
	dismissed_by uuid REFERENCES users (id) ON DELETE SET NULL,
	created_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (organization_id, dismissed_org_id),
	CHECK (organization_id <> dismissed_org_id)
);
CREATE INDEX match_dismissals_dismissed_idx ON match_dismissals (dismissed_org_id);
