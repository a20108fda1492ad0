-- One row per attempt; (request_id, attempt) makes a redelivered event a no-op.

CREATE TABLE usage_event (
    request_id          VARCHAR(64)  NOT NULL,
    attempt             INTEGER      NOT NULL,
    occurred_at         TIMESTAMPTZ  NOT NULL,
    provider            VARCHAR(64)  NOT NULL,
    model               VARCHAR(256) NOT NULL,
    outcome             VARCHAR(16)  NOT NULL CHECK (outcome IN ('success', 'error', 'expired')),
    error_class         VARCHAR(32),
    error_message       TEXT,
    latency_ms          BIGINT       NOT NULL,
    ttft_ms             BIGINT,
    input_tokens        BIGINT       NOT NULL DEFAULT 0,
    output_tokens       BIGINT       NOT NULL DEFAULT 0,
    cached_input_tokens BIGINT       NOT NULL DEFAULT 0,
    api_key_id          VARCHAR(64),
    received_at         TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (request_id, attempt)
);

CREATE INDEX usage_event_occurred_at ON usage_event (occurred_at);
CREATE INDEX usage_event_provider_model ON usage_event (provider, model, occurred_at);
