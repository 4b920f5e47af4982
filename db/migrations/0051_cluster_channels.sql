-- Cluster channels: the chat's conversation of kind 'cluster' belongs to a cluster, and its
-- participants are the cluster's active member organizations. Chat computes every access check,
-- inbox and recipient list from the view below, so membership changes take effect at once.

ALTER TABLE conversations ADD CONSTRAINT conversations_cluster_id_fkey
	FOREIGN KEY (cluster_id) REFERENCES clusters (id) ON DELETE CASCADE;

CREATE OR REPLACE VIEW conversation_organizations AS
	SELECT id AS conversation_id, org_a_id AS organization_id FROM conversations WHERE kind = 'direct'
	UNION ALL
	SELECT id, org_b_id FROM conversations WHERE kind = 'direct'
	UNION ALL
	SELECT c.id, m.organization_id
	FROM conversations c
	JOIN cluster_members m ON m.cluster_id = c.cluster_id AND m.status = 'active'
	WHERE c.kind = 'cluster';

-- Every cluster has its channel from the start.
INSERT INTO conversations (kind, cluster_id) SELECT 'cluster', id FROM clusters
	WHERE NOT EXISTS (SELECT 1 FROM conversations c WHERE c.cluster_id = clusters.id);
