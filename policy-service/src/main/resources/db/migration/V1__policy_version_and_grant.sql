-- Every version of every policy document, never updated or deleted: the history is the audit trail
-- of who changed a policy, when and why. The current version is the highest one.
create table policy_version (
    id          bigserial primary key,
    policy_id   text        not null,
    version     bigint      not null,
    -- JSON text as compiled (YAML input is stored as JSON), not jsonb: jsonb reorders keys, and glob
    -- rules of equal specificity are ranked by their order in the document.
    document    text        not null,
    created_at  timestamptz not null default now(),
    created_by  text        not null,
    comment     text,
    constraint policy_version_unique unique (policy_id, version)
);

-- Grants: only the SHA-256 of the bearer token is kept. Revocation keeps the row (audit trail).
create table "grant" (
    id          text        primary key,
    name        text        not null,
    server      text        not null,
    policy_id   text        not null,
    token_hash  bytea       not null,
    created_at  timestamptz not null default now(),
    created_by  text        not null,
    revoked_at  timestamptz,
    revoked_by  text,
    constraint grant_token_hash_unique unique (token_hash)
);
create index grant_created_at on "grant" (created_at);
