SELECT id, merchant_id, event_id, endpoint_id, number, attempted_on, outcome, status_code, latency_ms, error, response_excerpt
FROM webhook_attempts
WHERE merchant_id = :merchantId
  AND event_id = :eventId
ORDER BY endpoint_id, number
