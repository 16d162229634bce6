SELECT payment_id, order_id, outcome, created_on, superseded_on
FROM order_attempts
WHERE merchant_id = :merchantId
  AND payment_id = :paymentId
