-- Responses stored for the router's /v1/responses (store: true): what previous_response_id continues and
-- GET /v1/responses/{id} reads, visible only to the key that made them, kept until expires_at.
CREATE TABLE stored_response (
    id            VARCHAR(80)  PRIMARY KEY,
    api_key_id    VARCHAR(80)  NOT NULL,
    response      JSONB        NOT NULL,
    input_items   JSONB        NOT NULL,
    conversation  JSONB        NOT NULL,
    created_at    TIMESTAMPTZ  NOT NULL DEFAULT now(),
    expires_at    TIMESTAMPTZ  NOT NULL
);
CREATE INDEX stored_response_expiry ON stored_response (expires_at);
