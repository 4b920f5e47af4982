-- The PostgreSQL socket.io adapter (REALTIME_ADAPTER=postgres) keeps payloads too large for a
-- NOTIFY here. It used to be created by each node when its adapter started; two nodes starting
-- together then raced on CREATE TABLE IF NOT EXISTS and one crashed. Migrations run under an
-- advisory lock, one node at a time. IF NOT EXISTS: databases where a node already created it.
CREATE TABLE IF NOT EXISTS socket_io_attachments (
	id bigserial UNIQUE,
	created_at timestamptz DEFAULT now(),
	payload bytea
);
