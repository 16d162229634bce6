UPDATE orders
SET payment_attempts = payment_attempts + 1,
    updated_on = :now
WHERE merchant_id = :merchantId
  AND id = :id
  AND (max_payment_attempts IS NULL OR payment_attempts < max_payment_attempts)
