-- A latency histogram in every minute and hour rollup row, so that recent latency percentiles are read from the rollups
-- instead of sorted from the raw events. Element i counts the row's timed attempts (those that were neither cache hits
-- nor cancelled, as GET /telemetry's percentiles count them) whose latency fell in bucket i of the fixed layout
-- LatencyBuckets (telemetry-service, stats). Rows stored before have an empty histogram and are not backfilled: for
-- an hour after the upgrade, the percentiles are of the attempts stored since.

-- PostgreSQL has no element-wise array addition, so the rollups' upsert adds two histograms with this function. One
-- array column rather than a column per bucket keeps the 257 buckets out of every other query of the rollups. A stored
-- histogram stops at its last non-empty bucket (and older rows' are empty), so the arrays may differ in length: the
-- missing elements count as zero.
CREATE FUNCTION histogram_add(a BIGINT[], b BIGINT[]) RETURNS BIGINT[]
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
AS $$
    SELECT coalesce(array_agg(coalesce(a[i], 0) + coalesce(b[i], 0) ORDER BY i), '{}')
    FROM generate_series(1, greatest(cardinality(a), cardinality(b))) AS i
$$;

ALTER TABLE usage_rollup_minute ADD COLUMN latency_histogram BIGINT[] NOT NULL DEFAULT '{}';
ALTER TABLE usage_rollup_hour ADD COLUMN latency_histogram BIGINT[] NOT NULL DEFAULT '{}';
