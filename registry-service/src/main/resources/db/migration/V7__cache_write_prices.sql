-- Prices of writing to a provider's prompt cache, apart from reading it (cached_input_per_million). Anthropic charges a
-- 5-minute write and a 1-hour write differently; a provider with one kind of write fills only the first column.

ALTER TABLE model_price
    ADD COLUMN cache_write_per_million    NUMERIC(12, 6) CHECK (cache_write_per_million >= 0),
    ADD COLUMN cache_write_1h_per_million NUMERIC(12, 6) CHECK (cache_write_1h_per_million >= 0);
