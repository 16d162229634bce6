-- Stored cards as shown with their payments: those of a group of captures (see PaymentGroups), in
-- one round trip. The caller pairs each row with the (merchant, card) it asked for.
SELECT id, merchant_id, customer_id, bin, last4, expiry_month, expiry_year, scheme, name,
       billing_address::text AS billing_address, phone::text AS phone, fingerprint, card_type, card_category, issuer,
       issuer_country, product_id, product_type, created_on, NULL::timestamptz AS expires_on,
       NULL::timestamptz AS used_on
FROM card_sources
WHERE id = ANY(CAST(:ids AS text[]))
  AND merchant_id = ANY(CAST(:merchantIds AS text[]))
