SELECT id, merchant_id, NULL AS customer_id, bin, last4, expiry_month, expiry_year, scheme, name, billing_address::text AS billing_address,
       phone::text AS phone, fingerprint, card_type, card_category, issuer, issuer_country, product_id, product_type,
       created_on, expires_on, used_on, number_ciphertext, cvv_ciphertext
FROM card_tokens
WHERE merchant_id = :merchantId
  AND id = :id
FOR UPDATE
