-- Reasoning and cache-write tokens, counted apart so that each kind is priced at its own price. Events and rollups
-- stored before read them as zero, as the events of producers that did not count them do.

ALTER TABLE usage_event
    ADD COLUMN reasoning_tokens      BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN cache_write_tokens    BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN cache_write_1h_tokens BIGINT NOT NULL DEFAULT 0;

ALTER TABLE usage_rollup_minute
    ADD COLUMN reasoning_tokens      BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN cache_write_tokens    BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN cache_write_1h_tokens BIGINT NOT NULL DEFAULT 0;

ALTER TABLE usage_rollup_hour
    ADD COLUMN reasoning_tokens      BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN cache_write_tokens    BIGINT NOT NULL DEFAULT 0,
    ADD COLUMN cache_write_1h_tokens BIGINT NOT NULL DEFAULT 0;
