-- What each attempt was: the operation the caller asked for (contracts: Operation; events stored before were counted
-- as chat), and the rest of what it was attributed to (contracts: Attribution): the team's name and the request's
-- metadata. Spend is read per key and per team over a budget period, hence their indexes.

ALTER TABLE usage_event
    ADD COLUMN operation VARCHAR(16) NOT NULL DEFAULT 'chat',
    ADD COLUMN team_name VARCHAR(255),
    ADD COLUMN metadata  JSONB;

CREATE INDEX usage_event_key_occurred_at ON usage_event (api_key_id, occurred_at);
CREATE INDEX usage_event_team_occurred_at ON usage_event (team_id, occurred_at) WHERE team_id IS NOT NULL;
