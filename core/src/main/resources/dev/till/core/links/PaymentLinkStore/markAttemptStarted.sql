UPDATE payment_links
SET attempts = attempts + 1, attempt_started_on = :now, version = version + 1
WHERE merchant_id = :merchantId
  AND id = :id
  AND version = :version
  AND status = 'active'
  AND attempt_started_on IS NULL
