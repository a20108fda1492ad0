-- The request log's bodies, masked, for calls whose log is 'full'; kept for a shorter time than the attempts
-- (usage_event, the log's metadata) they belong to.

CREATE TABLE request_body (
    request_id    VARCHAR(64) NOT NULL,
    attempt       INTEGER     NOT NULL,
    occurred_at   TIMESTAMPTZ NOT NULL,
    request_body  TEXT,
    response_body TEXT,
    PRIMARY KEY (request_id, attempt)
);

CREATE INDEX request_body_occurred_at ON request_body (occurred_at);
