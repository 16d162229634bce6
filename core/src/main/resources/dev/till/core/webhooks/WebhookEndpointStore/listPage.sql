SELECT id, merchant_id, url, event_types::text AS event_types, active, headers::text AS headers, secret, previous_secret, previous_secret_expires_on, disabled_reason, created_on, updated_on
FROM webhook_endpoints
WHERE merchant_id = :merchantId
  AND (created_on, id) < (:afterCreatedOn, :afterId)
ORDER BY created_on DESC, id DESC
LIMIT :limit
