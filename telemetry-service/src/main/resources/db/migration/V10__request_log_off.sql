-- Attempts of a call whose request log is 'off' (contracts: RequestLogLevel) are stored and counted like any other, and
-- left out of the request log.

ALTER TABLE usage_event
    ADD COLUMN in_request_log BOOLEAN NOT NULL DEFAULT true;
