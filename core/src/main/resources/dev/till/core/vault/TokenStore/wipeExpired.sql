-- A job, so it runs across merchants; SKIP LOCKED lets several nodes share the work.
UPDATE card_tokens
SET number_ciphertext = NULL, cvv_ciphertext = NULL
WHERE id IN (SELECT id
             FROM card_tokens
             WHERE number_ciphertext IS NOT NULL
               AND expires_on <= :now
             ORDER BY expires_on
             LIMIT :limit
             FOR UPDATE SKIP LOCKED)
