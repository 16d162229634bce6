UPDATE payment_links
SET release_due_on = :retryOn, version = version + 1
WHERE merchant_id = :merchantId
  AND id = :id
  AND version = :version
  AND released_on IS NULL
