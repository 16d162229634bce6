-- Records an event and, in the same statement, queues its webhook deliveries: one pending delivery
-- per active endpoint of the merchant subscribed to the type (the fan-out). One round trip for
-- both, inside the transaction of the change the event reports: if it commits, its deliveries exist.
-- The per-object sequence is computed here; the object's row lock serialises writers.
WITH event AS (
    INSERT INTO events (id, merchant_id, type, object_id, object_seq, created_on, data)
    SELECT :id, :merchantId, :type, :objectId, coalesce(max(object_seq), 0) + 1, :createdOn, CAST(:data AS jsonb)
    FROM events
    WHERE merchant_id = :merchantId
      AND object_id = :objectId
    RETURNING object_seq
), fan_out AS (
    INSERT INTO webhook_deliveries (merchant_id, event_id, endpoint_id, event_type, status, schedule_start,
                                    next_attempt_at, created_on, updated_on)
    SELECT :merchantId, :id, e.id, :type, 'pending', :createdOn, :createdOn, :createdOn, :createdOn
    FROM webhook_endpoints e
    WHERE e.merchant_id = :merchantId
      AND e.active
      AND (jsonb_array_length(e.event_types) = 0
           OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(e.event_types) AS t (pattern)
                      WHERE t.pattern = :type
                         OR (right(t.pattern, 1) = '*' AND starts_with(:type, rtrim(t.pattern, '*')))))
)
SELECT object_seq FROM event
