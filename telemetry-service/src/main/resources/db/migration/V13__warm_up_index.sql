-- The raw events of up's warm-up calls are deleted after an hour: an index of those events alone lets the retention
-- job find them without reading every event of the last 30 days. Only warm-up calls pay for it when they are stored.

CREATE INDEX usage_event_warm_up ON usage_event (occurred_at) WHERE tags @> ARRAY['switchboard-warm-up'];
