-- A fourth outcome: the client went away while the provider was working, so the adapter cut the call off.

-- V1 declared the check inline, so it carries PostgreSQL's default name. The new check is added NOT VALID, which takes
-- only a moment; V4 validates it without blocking ingestion.
ALTER TABLE usage_event DROP CONSTRAINT usage_event_outcome_check;
ALTER TABLE usage_event
    ADD CONSTRAINT usage_event_outcome_check CHECK (outcome IN ('success', 'error', 'expired', 'cancelled')) NOT VALID;

ALTER TABLE usage_rollup_minute ADD COLUMN cancelled BIGINT NOT NULL DEFAULT 0;
ALTER TABLE usage_rollup_hour ADD COLUMN cancelled BIGINT NOT NULL DEFAULT 0;
