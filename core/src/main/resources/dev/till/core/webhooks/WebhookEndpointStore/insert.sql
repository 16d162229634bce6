INSERT INTO webhook_endpoints (id, merchant_id, url, event_types, active, headers, secret, created_on, updated_on)
VALUES (:id, :merchantId, :url, CAST(:eventTypes AS jsonb), :active, CAST(:headers AS jsonb), :secret, :now, :now)
