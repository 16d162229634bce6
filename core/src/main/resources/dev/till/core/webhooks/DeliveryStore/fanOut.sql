INSERT INTO webhook_deliveries (merchant_id, event_id, endpoint_id, event_type, status, schedule_start,
                                next_attempt_at, created_on, updated_on)
SELECT :merchantId, :eventId, e.id, :type, 'pending', :now, :now, :now, :now
FROM webhook_endpoints e
WHERE e.merchant_id = :merchantId
  AND e.active
  AND (jsonb_array_length(e.event_types) = 0
       OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(e.event_types) AS t (pattern)
                  WHERE t.pattern = :type
                     OR (right(t.pattern, 1) = '*' AND starts_with(:type, rtrim(t.pattern, '*')))))
