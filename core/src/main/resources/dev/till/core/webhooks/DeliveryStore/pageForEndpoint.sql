SELECT d.merchant_id, d.event_id, d.endpoint_id, d.event_type, d.status, d.attempts, d.next_attempt_at, d.last_status, d.created_on, d.updated_on
FROM webhook_deliveries d
WHERE d.merchant_id = :merchantId
  AND d.endpoint_id = :endpointId
  AND (CAST(:status AS text) IS NULL OR d.status = :status)
  AND (CAST(:eventType AS text) IS NULL OR d.event_type = :eventType)
  AND (d.created_on, d.event_id) < (:afterCreatedOn, :afterId)
ORDER BY d.created_on DESC, d.event_id DESC
LIMIT :limit
