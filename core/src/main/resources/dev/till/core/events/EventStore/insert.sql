-- Records events of one object and, in the same statement, queues their webhook deliveries: one
-- pending delivery per event and active endpoint of the merchant subscribed to its type (the
-- fan-out). One round trip for all, inside the transaction of the change they report: if it
-- commits, their deliveries exist. The events arrive as parallel arrays and take the object's next
-- sequence numbers in array order; the object's row lock serialises writers.
WITH event AS (
    INSERT INTO events (id, merchant_id, type, object_id, object_seq, created_on, data)
    SELECT e.id, :merchantId, e.type, :objectId, last.seq + e.n, :createdOn, CAST(e.data AS jsonb)
    FROM (SELECT coalesce(max(object_seq), 0) AS seq
          FROM events
          WHERE merchant_id = :merchantId
            AND object_id = :objectId) AS last,
         unnest(CAST(:ids AS text[]), CAST(:types AS text[]), CAST(:data AS text[])) WITH ORDINALITY AS e(id, type, data, n)
    RETURNING id, type, object_seq
), fan_out AS (
    INSERT INTO webhook_deliveries (merchant_id, event_id, endpoint_id, event_type, status, schedule_start,
                                    next_attempt_at, created_on, updated_on)
    SELECT :merchantId, ev.id, e.id, ev.type, 'pending', :createdOn, :createdOn, :createdOn, :createdOn
    FROM event ev
    JOIN webhook_endpoints e ON e.merchant_id = :merchantId AND e.active
    WHERE jsonb_array_length(e.event_types) = 0
       OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(e.event_types) AS t (pattern)
                  WHERE t.pattern = ev.type
                     OR (right(t.pattern, 1) = '*' AND starts_with(ev.type, rtrim(t.pattern, '*'))))
)
SELECT object_seq FROM event ORDER BY object_seq
