-- The recent errors the statistics show (per model, the newest failed and expired attempts of a window) are found
-- through an index of those attempts alone, rather than by reading every attempt of the window. Only failed attempts
-- pay for it when they are stored.

CREATE INDEX usage_event_failed ON usage_event (occurred_at) WHERE outcome IN ('error', 'expired');
