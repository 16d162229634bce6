-- A refused release: the attempt is claimed again from :retryOn on.
UPDATE order_attempts
SET release_retry_on = :retryOn
WHERE merchant_id = :merchantId
  AND payment_id = :paymentId
  AND released_on IS NULL
