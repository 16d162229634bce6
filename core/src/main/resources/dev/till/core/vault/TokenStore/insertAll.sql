-- New tokens: one (a request with an idempotency key), or a group's of concurrent requests (see
-- TokenGroups), in one statement. The ciphertexts and the fingerprints arrive base64-encoded: JDBC
-- has no array of byte arrays. A token without a CVV has a null in :cvvs.
INSERT INTO card_tokens (id, merchant_id, number_ciphertext, cvv_ciphertext, bin, last4, expiry_month, expiry_year, scheme,
                         name, billing_address, phone, fingerprint, card_type, card_category, issuer, issuer_country,
                         product_id, product_type, created_on, expires_on)
SELECT c.id, c.merchant_id, decode(c.number, 'base64'), decode(c.cvv, 'base64'), c.bin, c.last4, c.expiry_month,
       c.expiry_year, c.scheme, c.name, CAST(c.billing_address AS jsonb), CAST(c.phone AS jsonb),
       decode(c.fingerprint, 'base64'), c.card_type, c.card_category, c.issuer, c.issuer_country, c.product_id,
       c.product_type, CAST(c.created_on AS timestamptz), CAST(c.expires_on AS timestamptz)
FROM unnest(CAST(:ids AS text[]), CAST(:merchantIds AS text[]), CAST(:numbers AS text[]), CAST(:cvvs AS text[]),
            CAST(:bins AS text[]), CAST(:last4s AS text[]), CAST(:expiryMonths AS int[]), CAST(:expiryYears AS int[]),
            CAST(:schemes AS text[]), CAST(:names AS text[]), CAST(:billingAddresses AS text[]), CAST(:phones AS text[]),
            CAST(:fingerprints AS text[]), CAST(:cardTypes AS text[]), CAST(:cardCategories AS text[]),
            CAST(:issuers AS text[]), CAST(:issuerCountries AS text[]), CAST(:productIds AS text[]),
            CAST(:productTypes AS text[]), CAST(:createdOns AS text[]), CAST(:expiresOns AS text[]))
         AS c(id, merchant_id, number, cvv, bin, last4, expiry_month, expiry_year, scheme, name, billing_address, phone,
              fingerprint, card_type, card_category, issuer, issuer_country, product_id, product_type, created_on,
              expires_on)
