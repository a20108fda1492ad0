-- A fact the registry does not know is stored as unknown, never as a placeholder that looks like one: discovery finds
-- models whose limits, tiers or capabilities their provider's list does not state.

ALTER TABLE model
    ALTER COLUMN context_window    DROP NOT NULL,
    ALTER COLUMN max_output_tokens DROP NOT NULL,
    ALTER COLUMN latency_tier      DROP NOT NULL,
    ALTER COLUMN quality_tier      DROP NOT NULL,
    -- false: the capabilities listed are the ones known; others may be there too.
    ADD COLUMN capabilities_known BOOLEAN NOT NULL DEFAULT TRUE;

-- Discovery stored guesses until now (8192 tokens in, 4096 out, text only, medium, basic): they become unknown.
UPDATE model
   SET context_window = NULL, max_output_tokens = NULL, latency_tier = NULL, quality_tier = NULL,
       capabilities_known = FALSE
 WHERE origin = 'discovery';
