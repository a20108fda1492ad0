-- Models an operator deleted: the seed catalog and discovery do not bring them back.

CREATE TABLE deleted_model (
    name        VARCHAR(330) PRIMARY KEY,
    deleted_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
