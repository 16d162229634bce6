UPDATE order_attempts
SET outcome = :outcome
WHERE merchant_id = :merchantId
  AND payment_id = :paymentId
  AND outcome = 'pending'
