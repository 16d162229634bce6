UPDATE payments
SET version = version + 1, status = :status, captured = :captured, released = :released
WHERE merchant_id = :merchantId
  AND id = :id
  AND version = :version
  AND status IN ('Authorized', 'Partially Captured')
