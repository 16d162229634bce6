UPDATE payment_links
SET status = 'canceled', canceled_on = :now, version = version + 1
WHERE merchant_id = :merchantId
  AND id = :id
  AND version = :version
  AND status = 'active'
