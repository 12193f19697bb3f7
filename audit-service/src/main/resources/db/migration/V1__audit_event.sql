-- One row per DecisionEventV1; the decision id is the key, so a redelivered event inserts nothing.
CREATE TABLE audit_event (
    decision_id         varchar(64)  PRIMARY KEY,
    event_version       integer      NOT NULL,
    occurred_at         timestamptz  NOT NULL,
    trace_id            text,
    grant_id            text,
    grant_name          text,
    session_id          text,
    server              text         NOT NULL,
    tool                text         NOT NULL,
    tool_risk           text,
    tool_category       text,
    decision            text         NOT NULL,
    enforced            boolean      NOT NULL,
    reason              text,
    rule                text,
    policy_id           text,
    policy_version      bigint,
    limit_remaining     bigint,
    retry_after_ms      bigint,
    argument_keys       jsonb        NOT NULL,
    arguments           jsonb,
    masked_paths        jsonb        NOT NULL,
    upstream_outcome    text         NOT NULL,
    upstream_latency_ms bigint,
    total_latency_ms    bigint       NOT NULL,
    ingested_at         timestamptz  NOT NULL DEFAULT now()
);

-- Every list query orders by (occurred_at, decision_id) descending and pages by keyset on the same pair;
-- each filter index ends with that pair so a filtered page is an index range scan, not a sort.
CREATE INDEX audit_event_time_idx     ON audit_event (occurred_at DESC, decision_id DESC);
CREATE INDEX audit_event_session_idx  ON audit_event (session_id, occurred_at DESC, decision_id DESC);
CREATE INDEX audit_event_grant_idx    ON audit_event (grant_id, occurred_at DESC, decision_id DESC);
CREATE INDEX audit_event_tool_idx     ON audit_event (tool, occurred_at DESC, decision_id DESC);
CREATE INDEX audit_event_decision_idx ON audit_event (decision, occurred_at DESC, decision_id DESC);
CREATE INDEX audit_event_risk_idx     ON audit_event (tool_risk, occurred_at DESC, decision_id DESC);
