INSERT INTO card_sources (id, merchant_id, customer_id, number_ciphertext, bin, last4, expiry_month, expiry_year, scheme,
                          name, billing_address, phone, fingerprint, card_type, card_category, issuer, issuer_country,
                          product_id, product_type, created_on)
VALUES (:c.id, :c.merchantId, :c.customerId, :number, :c.bin, :c.last4, :c.expiryMonth, :c.expiryYear, :c.scheme,
        :c.name, CAST(:c.billingAddress AS jsonb), CAST(:c.phone AS jsonb), :c.fingerprint, :c.cardType, :c.cardCategory,
        :c.issuer, :c.issuerCountry, :c.productId, :c.productType, :c.createdOn)
