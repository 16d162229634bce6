UPDATE payment_links
SET released_on = :now, version = version + 1
WHERE merchant_id = :merchantId
  AND id = :id
  AND version = :version
  AND release_due_on IS NOT NULL
  AND released_on IS NULL
