-- A filter on two columns, e.g. tool=X&decision=DENY, could use only one of the V1 indexes: PostgreSQL walked
-- the tool's rows newest first and threw away the other decisions (or ANDed two bitmaps and sorted), which
-- over 1,000,000 rows cost 80-280 ms for a rare decision. With both columns in front of (occurred_at,
-- decision_id) a page is one index range scan of exactly the rows it returns. Only the pairs operators ask
-- for most (what did this tool / this grant get denied); every index slows ingest a little.
-- Plain CREATE INDEX: on an existing large table it blocks inserts while it builds; Kafka holds the events
-- meanwhile and the consumer catches up afterwards.
CREATE INDEX audit_event_tool_decision_idx  ON audit_event (tool, decision, occurred_at DESC, decision_id DESC);
CREATE INDEX audit_event_grant_decision_idx ON audit_event (grant_id, decision, occurred_at DESC, decision_id DESC);
-- server had no index: filtering on a server with few rows walked the whole time index.
CREATE INDEX audit_event_server_idx         ON audit_event (server, occurred_at DESC, decision_id DESC);
