-- The request log: what each attempt was attributed to (contracts: Attribution), and the masked bodies of calls whose
-- log is 'full', kept for a shorter time than the attempts (usage_event, the log's metadata) they belong to.

ALTER TABLE usage_event
    ADD COLUMN key_name VARCHAR(255),
    ADD COLUMN team_id  VARCHAR(255),
    ADD COLUMN end_user VARCHAR(255),
    ADD COLUMN tags     TEXT[];

CREATE TABLE request_body (
    request_id    VARCHAR(64) NOT NULL,
    attempt       INTEGER     NOT NULL,
    occurred_at   TIMESTAMPTZ NOT NULL,
    request_body  TEXT,
    response_body TEXT,
    PRIMARY KEY (request_id, attempt)
);

CREATE INDEX request_body_occurred_at ON request_body (occurred_at);
