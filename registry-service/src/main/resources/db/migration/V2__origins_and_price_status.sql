-- Where a model's metadata came from, when discovery last listed it, and price rows that are proposals.

ALTER TABLE model
    ADD COLUMN origin     VARCHAR(16) NOT NULL DEFAULT 'catalog' CHECK (origin IN ('catalog', 'manual', 'discovery')),
    ADD COLUMN updated_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    ADD COLUMN last_seen  TIMESTAMPTZ;

-- Several rows may share an effective date now: a correction supersedes the earlier row by set_at, and the
-- earlier row stays in the history.
ALTER TABLE model_price DROP CONSTRAINT model_price_once_per_date;

ALTER TABLE model_price
    ADD COLUMN status          VARCHAR(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'pending')),
    ADD COLUMN catalog_version VARCHAR(32),
    ADD COLUMN note            TEXT;

DROP INDEX model_price_lookup;
CREATE INDEX model_price_in_force ON model_price (model, effective_from DESC, set_at DESC) WHERE status = 'active';
CREATE INDEX model_price_set_at ON model_price (set_at);
