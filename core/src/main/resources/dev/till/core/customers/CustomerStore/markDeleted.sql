UPDATE customers
SET deleted_on = :now
WHERE merchant_id = :merchantId
  AND id = :id
  AND deleted_on IS NULL
