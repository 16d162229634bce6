SELECT merchant_id, name, mode, default_currency, created_on
FROM merchants
WHERE merchant_id = :merchantId
