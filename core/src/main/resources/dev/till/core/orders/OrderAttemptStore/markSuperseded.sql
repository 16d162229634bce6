UPDATE order_attempts
SET superseded_on = :now
WHERE merchant_id = :merchantId
  AND payment_id = :paymentId
  AND superseded_on IS NULL
