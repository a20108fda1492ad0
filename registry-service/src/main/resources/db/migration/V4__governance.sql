-- Governance: teams and managed API keys, their spend, and the leases router replicas hold on their limits.

CREATE TABLE team (
    id              VARCHAR(40)    PRIMARY KEY,
    name            VARCHAR(128)   NOT NULL,
    max_budget_usd  NUMERIC(18, 6) CHECK (max_budget_usd >= 0),
    budget_period   VARCHAR(16)    NOT NULL DEFAULT 'total'
                                   CHECK (budget_period IN ('daily', 'weekly', 'monthly', 'total')),
    rpm             INTEGER        CHECK (rpm > 0),
    tpm             BIGINT         CHECK (tpm > 0),
    models          TEXT[]         NOT NULL DEFAULT '{}',
    metadata        JSONB          NOT NULL DEFAULT '{}',
    created_at      TIMESTAMPTZ    NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ    NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX team_name ON team (name);

-- Only a SHA-256 of each key's secret is kept; a revoked key stays, for attribution, and frees its name.
CREATE TABLE api_key (
    id              VARCHAR(40)    PRIMARY KEY,
    name            VARCHAR(128)   NOT NULL,
    team            VARCHAR(40)    REFERENCES team (id),
    secret_sha256   CHAR(64)       NOT NULL,
    secret_hint     VARCHAR(16)    NOT NULL,
    models          TEXT[]         NOT NULL DEFAULT '{}',
    max_budget_usd  NUMERIC(18, 6) CHECK (max_budget_usd >= 0),
    budget_period   VARCHAR(16)    NOT NULL DEFAULT 'total'
                                   CHECK (budget_period IN ('daily', 'weekly', 'monthly', 'total')),
    rpm             INTEGER        CHECK (rpm > 0),
    tpm             BIGINT         CHECK (tpm > 0),
    max_parallel    INTEGER        CHECK (max_parallel > 0),
    expires_at      TIMESTAMPTZ,
    metadata        JSONB          NOT NULL DEFAULT '{}',
    revoked_at      TIMESTAMPTZ,
    rotated_at      TIMESTAMPTZ,
    last_used_at    TIMESTAMPTZ,
    created_at      TIMESTAMPTZ    NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ    NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX api_key_live_name ON api_key (name) WHERE revoked_at IS NULL;
CREATE UNIQUE INDEX api_key_secret ON api_key (secret_sha256);
CREATE INDEX api_key_team ON api_key (team);

-- Spend per scope ('key:<id>' or 'team:<id>') per UTC day, priced from switchboard.usage; a period sums its days.
CREATE TABLE spend_day (
    scope       VARCHAR(64)     NOT NULL,
    day         DATE            NOT NULL,
    spend_usd   NUMERIC(24, 12) NOT NULL DEFAULT 0,
    requests    BIGINT          NOT NULL DEFAULT 0,
    PRIMARY KEY (scope, day)
);

-- One router replica's (holder's) lease on a scope in the current budget period: the budget it may reserve from
-- (granted, of which spent_usd has been seen on switchboard.usage) and its parallel slots. It is usable until
-- expires_at and counts until released_at, by when every call reserved under it has ended and been seen.
CREATE TABLE governance_lease (
    scope           VARCHAR(64)     NOT NULL,
    holder          VARCHAR(128)    NOT NULL,
    period_start    TIMESTAMPTZ     NOT NULL,
    budget_usd      NUMERIC(24, 12) NOT NULL DEFAULT 0 CHECK (budget_usd >= 0),
    spent_usd       NUMERIC(24, 12) NOT NULL DEFAULT 0,
    parallel        INTEGER         NOT NULL DEFAULT 0 CHECK (parallel >= 0),
    expires_at      TIMESTAMPTZ     NOT NULL,
    released_at     TIMESTAMPTZ     NOT NULL,
    PRIMARY KEY (scope, holder)
);
CREATE INDEX governance_lease_live ON governance_lease (scope, released_at);

-- Request and token permits granted to holders. A grant occupies its scope's per-minute limit until 60 s after it
-- can last be used: its whole amount until usable_until + 60 s while open; once the holder closes it, only what was
-- used, until closed_at + 60 s.
CREATE TABLE rate_grant (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    scope           VARCHAR(64)  NOT NULL,
    holder          VARCHAR(128) NOT NULL,
    kind            VARCHAR(8)   NOT NULL CHECK (kind IN ('requests', 'tokens')),
    amount          BIGINT       NOT NULL CHECK (amount >= 0),
    granted_at      TIMESTAMPTZ  NOT NULL,
    usable_until    TIMESTAMPTZ  NOT NULL,
    closed_at       TIMESTAMPTZ,
    occupied_until  TIMESTAMPTZ  NOT NULL
);
CREATE INDEX rate_grant_live ON rate_grant (scope, kind, occupied_until);

-- How far the registry has counted switchboard.usage, per partition, written with the spend it added: a batch read
-- again after a restart or a rebalance is not counted twice. A record is skipped only when both its offset and its
-- timestamp are behind, so a topic created anew (a local broker keeps no data) is counted from its start.
CREATE TABLE usage_offset (
    topic_partition  INTEGER     PRIMARY KEY,
    next_offset      BIGINT      NOT NULL,
    last_timestamp   TIMESTAMPTZ NOT NULL
);
