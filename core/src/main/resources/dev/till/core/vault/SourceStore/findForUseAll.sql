-- Stored cards with their encrypted numbers, for payments about to use them: one card, or those of
-- a group of concurrent requests (see PaymentGroups), in one round trip. The caller pairs
-- each row with the (merchant, card) it asked for: a card of another merchant in the same group
-- matches these lists but not its pair. Written with = ANY rather than a join against the lists,
-- whose plan PostgreSQL made afresh on every call (a generic plan guesses ten rows and looks dearer
-- than a custom one for two): planning cost more than running it.
SELECT id, merchant_id, customer_id, bin, last4, expiry_month, expiry_year, scheme, name,
       billing_address::text AS billing_address, phone::text AS phone, fingerprint, card_type, card_category, issuer,
       issuer_country, product_id, product_type, created_on, NULL::timestamptz AS expires_on,
       NULL::timestamptz AS used_on, number_ciphertext
FROM card_sources
WHERE id = ANY(CAST(:ids AS text[]))
  AND merchant_id = ANY(CAST(:merchantIds AS text[]))
