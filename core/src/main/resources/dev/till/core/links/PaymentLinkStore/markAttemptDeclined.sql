UPDATE payment_links
SET payment_id = :paymentId, attempt_started_on = NULL, version = version + 1
WHERE merchant_id = :merchantId
  AND id = :id
  AND version = :version
  AND status = 'active'
