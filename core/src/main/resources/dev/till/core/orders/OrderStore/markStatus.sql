UPDATE orders
SET status = :status,
    updated_on = :now
WHERE merchant_id = :merchantId
  AND id = :id
  AND status = :expected
