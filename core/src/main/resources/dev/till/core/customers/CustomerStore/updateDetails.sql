UPDATE customers
SET email = coalesce(:email, email),
    name = coalesce(:name, name),
    phone = coalesce(CAST(:phone AS jsonb), phone),
    metadata = coalesce(CAST(:metadata AS jsonb), metadata),
    updated_on = :now
WHERE merchant_id = :merchantId
  AND id = :id
  AND deleted_on IS NULL
