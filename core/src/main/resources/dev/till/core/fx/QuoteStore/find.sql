SELECT id, merchant_id, source_currency, source_amount, target_currency, target_amount, country, rate, fee,
       created_on, expires_on, used_by
FROM fx_quotes
WHERE merchant_id = :merchantId
  AND id = :id
