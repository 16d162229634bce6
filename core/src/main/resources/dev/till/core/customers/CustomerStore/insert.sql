INSERT INTO customers (id, merchant_id, email, name, phone, metadata, created_on, updated_on)
VALUES (:id, :merchantId, :email, :name, CAST(:phone AS jsonb), coalesce(CAST(:metadata AS jsonb), '{}'), :now, :now)
