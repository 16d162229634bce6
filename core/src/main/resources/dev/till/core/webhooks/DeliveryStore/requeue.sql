INSERT INTO webhook_deliveries AS d (merchant_id, event_id, endpoint_id, event_type, status, schedule_start,
                                     next_attempt_at, created_on, updated_on)
SELECT :merchantId, :eventId, e.id, :type, 'pending', :now, :now, :now, :now
FROM webhook_endpoints e
WHERE e.merchant_id = :merchantId
  AND (e.id = :endpointId
       OR (CAST(:endpointId AS text) IS NULL
           AND e.active
           AND (jsonb_array_length(e.event_types) = 0
                OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(e.event_types) AS t (pattern)
                           WHERE t.pattern = :type
                              OR (right(t.pattern, 1) = '*' AND starts_with(:type, rtrim(t.pattern, '*')))))))
ON CONFLICT (event_id, endpoint_id) DO UPDATE
SET status = 'pending',
    round_attempts = 0,
    schedule_start = :now,
    next_attempt_at = :now,
    claimed_until = NULL,
    claim_token = NULL,
    updated_on = :now
RETURNING d.merchant_id, d.event_id, d.endpoint_id, d.event_type, d.status, d.attempts, d.next_attempt_at, d.last_status, d.created_on, d.updated_on
