UPDATE order_attempts
SET released_on = :now
WHERE merchant_id = :merchantId
  AND payment_id = :paymentId
  AND released_on IS NULL
