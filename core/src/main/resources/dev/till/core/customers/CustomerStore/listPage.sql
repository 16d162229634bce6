SELECT id, merchant_id, email, name, phone::text AS phone, metadata::text AS metadata, default_source_id, created_on, updated_on
FROM customers
WHERE merchant_id = :merchantId
  AND deleted_on IS NULL
  AND (CAST(:email AS text) IS NULL OR lower(email) = lower(:email))
  AND (created_on, id) < (:afterCreatedOn, :afterId)
ORDER BY created_on DESC, id DESC
LIMIT :limit
