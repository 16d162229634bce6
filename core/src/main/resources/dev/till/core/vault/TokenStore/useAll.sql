-- Tokens that new payments use: one payment's, or a group's of concurrent requests (see
-- PaymentGroups), in one statement. Each token asked for is locked (two payments racing for one
-- token see it used exactly once) and returned as it stood, with its secrets. Those that can be
-- used (not used yet, not expired, not wiped by the expiry job) are marked used and their secrets
-- wiped by the same statement, and come back with taken = true; a token refused is left as it was.
-- The (merchant, token) pairs arrive as parallel arrays, so a token of another merchant in the
-- same group is never matched. Tokens are locked in id order, so that two groups using some of the
-- same tokens never wait on each other.
WITH locked AS (
    SELECT t.id, t.merchant_id, NULL AS customer_id, t.bin, t.last4, t.expiry_month, t.expiry_year, t.scheme, t.name,
           t.billing_address::text AS billing_address, t.phone::text AS phone, t.fingerprint, t.card_type,
           t.card_category, t.issuer, t.issuer_country, t.product_id, t.product_type, t.created_on, t.expires_on,
           t.used_on, t.number_ciphertext, t.cvv_ciphertext
    FROM card_tokens t
    WHERE (t.merchant_id, t.id) IN (SELECT a.merchant_id, a.id
                                    FROM unnest(CAST(:merchantIds AS text[]), CAST(:ids AS text[])) AS a(merchant_id, id))
    ORDER BY t.id
    FOR UPDATE OF t
), taken AS (
    UPDATE card_tokens t
    SET used_on = :now, number_ciphertext = NULL, cvv_ciphertext = NULL
    FROM locked l
    WHERE t.merchant_id = l.merchant_id
      AND t.id = l.id
      AND l.used_on IS NULL
      AND l.number_ciphertext IS NOT NULL
      AND l.expires_on > :now
    RETURNING t.id
)
SELECT l.*, taken.id IS NOT NULL AS taken
FROM locked l
LEFT JOIN taken ON taken.id = l.id
