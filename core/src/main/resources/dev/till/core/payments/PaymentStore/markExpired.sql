UPDATE payments
SET version = version + 1, status = 'Expired', released = :released
WHERE merchant_id = :merchantId
  AND id = :id
  AND version = :version
  AND status = 'Authorized'
