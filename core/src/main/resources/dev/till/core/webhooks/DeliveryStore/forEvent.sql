SELECT d.merchant_id, d.event_id, d.endpoint_id, d.event_type, d.status, d.attempts, d.next_attempt_at, d.last_status, d.created_on, d.updated_on
FROM webhook_deliveries d
WHERE d.merchant_id = :merchantId
  AND d.event_id = :eventId
ORDER BY d.created_on, d.endpoint_id
