SELECT id, merchant_id, email, name, phone::text AS phone, metadata::text AS metadata, default_source_id, created_on, updated_on
FROM customers
WHERE merchant_id = :merchantId
  AND id = :id
  AND deleted_on IS NULL
FOR UPDATE
