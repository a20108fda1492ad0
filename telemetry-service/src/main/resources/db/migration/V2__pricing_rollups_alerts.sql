-- Route, cache and pricing per event; rollups per minute and hour; alert history.

ALTER TABLE usage_event
    ADD COLUMN cache_hit            BOOLEAN      NOT NULL DEFAULT FALSE,
    ADD COLUMN fallback             BOOLEAN      NOT NULL DEFAULT FALSE,
    ADD COLUMN route_policy         VARCHAR(64),
    ADD COLUMN route_task           VARCHAR(64),
    ADD COLUMN cost_usd             NUMERIC(24, 12),
    ADD COLUMN price_source         VARCHAR(64)  NOT NULL DEFAULT 'unpriced',
    ADD COLUMN price_effective_from TIMESTAMPTZ,
    ADD COLUMN unpriced_reason      VARCHAR(32);

-- Events stored before pricing existed are unpriced until the re-pricing job finds their price.
UPDATE usage_event SET unpriced_reason = 'no_price' WHERE cost_usd IS NULL;

CREATE INDEX usage_event_unpriced ON usage_event (provider, model, occurred_at) WHERE price_source = 'unpriced';

-- Key parts that may be absent are '' rather than NULL, so that the primary key makes each bucket unique.
CREATE TABLE usage_rollup_minute (
    bucket_start        TIMESTAMPTZ     NOT NULL,
    provider            VARCHAR(64)     NOT NULL,
    model               VARCHAR(256)    NOT NULL,
    api_key_id          VARCHAR(64)     NOT NULL,
    task                VARCHAR(64)     NOT NULL,
    policy              VARCHAR(64)     NOT NULL,
    requests            BIGINT          NOT NULL,
    successes           BIGINT          NOT NULL,
    failures            BIGINT          NOT NULL,
    expired             BIGINT          NOT NULL,
    retries             BIGINT          NOT NULL,
    fallbacks           BIGINT          NOT NULL,
    cache_hits          BIGINT          NOT NULL,
    input_tokens        BIGINT          NOT NULL,
    output_tokens       BIGINT          NOT NULL,
    cached_input_tokens BIGINT          NOT NULL,
    latency_sum_ms      BIGINT          NOT NULL,
    cost_usd            NUMERIC(24, 12) NOT NULL,
    unpriced            BIGINT          NOT NULL,
    PRIMARY KEY (bucket_start, provider, model, api_key_id, task, policy)
);

CREATE TABLE usage_rollup_hour (LIKE usage_rollup_minute INCLUDING ALL);

INSERT INTO usage_rollup_minute
SELECT date_trunc('minute', occurred_at), provider, model, coalesce(api_key_id, ''), '', '',
       count(*), count(*) FILTER (WHERE outcome = 'success'), count(*) FILTER (WHERE outcome = 'error'),
       count(*) FILTER (WHERE outcome = 'expired'), count(*) FILTER (WHERE attempt > 1), 0, 0,
       sum(input_tokens), sum(output_tokens), sum(cached_input_tokens), sum(latency_ms), 0, count(*)
FROM usage_event
GROUP BY 1, 2, 3, 4;

INSERT INTO usage_rollup_hour
SELECT date_trunc('hour', bucket_start AT TIME ZONE 'UTC') AT TIME ZONE 'UTC', provider, model, api_key_id, task, policy,
       sum(requests), sum(successes), sum(failures), sum(expired), sum(retries), sum(fallbacks), sum(cache_hits),
       sum(input_tokens), sum(output_tokens), sum(cached_input_tokens), sum(latency_sum_ms), sum(cost_usd), sum(unpriced)
FROM usage_rollup_minute
GROUP BY 1, 2, 3, 4, 5, 6;

CREATE TABLE alert (
    id               BIGSERIAL        PRIMARY KEY,
    rule             VARCHAR(64)      NOT NULL,
    kind             VARCHAR(32)      NOT NULL,
    severity         VARCHAR(16)      NOT NULL CHECK (severity IN ('info', 'warning', 'high', 'critical')),
    status           VARCHAR(16)      NOT NULL CHECK (status IN ('firing', 'resolved')),
    scope            VARCHAR(400)     NOT NULL,
    provider         VARCHAR(64),
    model            VARCHAR(256),
    message          TEXT             NOT NULL,
    value            DOUBLE PRECISION,
    threshold        DOUBLE PRECISION,
    fired_at         TIMESTAMPTZ      NOT NULL,
    resolved_at      TIMESTAMPTZ,
    resolved_value   DOUBLE PRECISION,
    resolved_message TEXT
);

-- At most one firing alert per rule and scope: the replica whose insert wins is the one that notifies.
CREATE UNIQUE INDEX alert_one_firing ON alert (rule, scope) WHERE status = 'firing';
CREATE INDEX alert_fired_at ON alert (fired_at DESC);
