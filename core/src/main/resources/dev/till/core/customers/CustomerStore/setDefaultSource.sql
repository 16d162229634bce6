UPDATE customers
SET default_source_id = :sourceId
WHERE merchant_id = :merchantId
  AND id = :id
  AND deleted_on IS NULL
