UPDATE payments
SET version = version + 1, status = :status, refunded = :refunded, released = :released
WHERE merchant_id = :merchantId
  AND id = :id
  AND version = :version
  AND status IN ('Partially Captured', 'Captured', 'Partially Refunded')
