-- Human approval of held calls (issue 8). Rows are kept after they are decided: they are the trail of
-- who approved what, with which edits, and when.
create table approval_request (
    -- Equal to the decision id of the held call, so audit events and approval rows share a key.
    id               text        primary key,
    status           text        not null default 'pending'
                     check (status in ('pending', 'approved', 'rejected', 'expired', 'withdrawn')),
    grant_id         text        not null,
    grant_name       text        not null,
    session_id       text        not null,
    server           text        not null,
    tool             text        not null,
    -- The agent's arguments as sent (JSON text); shown to approvers only, never in the webhook.
    arguments        text        not null,
    risk             text        not null,
    category         text        not null,
    rule             text        not null,
    policy_id        text        not null,
    policy_version   bigint      not null,
    -- Why the policy asks for approval (the rule's reason).
    policy_reason    text        not null,
    created_at       timestamptz not null,
    expires_at       timestamptz not null,
    decided_at       timestamptz,
    decided_by       text,
    -- The approver's note (approved).
    note             text,
    -- Why it did not go on: the approver's reason (rejected), "approval expired", the withdrawal reason.
    outcome_reason   text,
    -- Arguments as edited by the approver (validated against the tool's input schema); null = unchanged.
    edited_arguments text,
    edited_keys      text[]
);
-- The expiry sweep and the pending list read only pending rows.
create index approval_request_pending on approval_request (expires_at) where status = 'pending';
create index approval_request_created on approval_request (created_at);

-- "Allow this tool for this grant for the next N calls or T minutes". Revocation keeps the row.
create table standing_approval (
    id          text        primary key,
    grant_id    text        not null,
    tool        text        not null,
    -- null = no call limit (then expires_at is set).
    max_calls   integer     check (max_calls is null or max_calls > 0),
    calls_used  integer     not null default 0,
    -- null = no time limit (then max_calls is set).
    expires_at  timestamptz,
    created_at  timestamptz not null,
    created_by  text        not null,
    note        text,
    revoked_at  timestamptz,
    revoked_by  text,
    constraint standing_approval_bounded check (max_calls is not null or expires_at is not null)
);
create index standing_approval_live on standing_approval (grant_id, tool) where revoked_at is null;
