-- The trace each attempt belongs to, and where its time went (contracts: AttemptTimings); null when not measured.

ALTER TABLE usage_event
    ADD COLUMN trace_id      VARCHAR(32),
    ADD COLUMN router_ms     BIGINT,
    ADD COLUMN to_adapter_ms BIGINT,
    ADD COLUMN connect_ms    BIGINT,
    ADD COLUMN first_token_ms BIGINT,
    ADD COLUMN last_token_ms BIGINT,
    ADD COLUMN back_ms       BIGINT;
