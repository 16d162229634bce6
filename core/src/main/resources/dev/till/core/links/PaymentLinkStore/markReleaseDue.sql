UPDATE payment_links
SET release_due_on = :now, version = version + 1
WHERE merchant_id = :merchantId
  AND id = :id
  AND version = :version
  AND status IN ('canceled', 'expired')
  AND release_due_on IS NULL
