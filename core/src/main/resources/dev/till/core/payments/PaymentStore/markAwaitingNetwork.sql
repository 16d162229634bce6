UPDATE payments
SET version = version + 1, awaiting = 'network'
WHERE merchant_id = :merchantId
  AND id = :id
  AND version = :version
  AND status = 'Pending'
