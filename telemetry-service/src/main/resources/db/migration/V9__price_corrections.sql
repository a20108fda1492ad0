-- How far telemetry has read the registry's price rows (GET /prices?since=), so that a correction made while it was
-- down is still applied after a restart. One row; it is written on the first run, so rows set before are not
-- corrections to recompute.

CREATE TABLE price_correction_watermark (
    id         SMALLINT    PRIMARY KEY CHECK (id = 1),
    seen_until TIMESTAMPTZ NOT NULL
);
