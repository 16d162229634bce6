-- Records events and, in the same statement, queues their webhook deliveries: one pending delivery
-- per event and active endpoint of its merchant subscribed to its type (the fan-out). One round trip
-- for all, inside the transaction of the changes they report: if it commits, their deliveries
-- exist. The events arrive as parallel arrays, one element per event: those of one object, or of
-- several (a group of concurrent requests' payments, see PaymentGroups). Each object's events
-- take its next sequence numbers in the order given (:nths numbers them 1, 2, … within their
-- object); the object's row lock serialises writers.
-- With a lease token (the node sends on commit, see Courier), each delivery to an endpoint not in
-- :busy is recorded leased to this node, and comes back with what sending it needs (but the event's
-- data: it is stored as given, so the caller's copy is what a retry reads back); without one,
-- or for a busy endpoint, it is left for the claim. One row per event and leased delivery (an event
-- without any comes back once, with a null endpoint), in the order the events were given.
WITH given AS (
    SELECT g.*
    FROM unnest(CAST(:ids AS text[]), CAST(:merchantIds AS text[]), CAST(:objectIds AS text[]),
                CAST(:types AS text[]), CAST(:data AS text[]), CAST(:nths AS int[]))
             WITH ORDINALITY AS g(id, merchant_id, object_id, type, data, nth, ord)
), event AS (
    INSERT INTO events (id, merchant_id, type, object_id, object_seq, created_on, data)
    SELECT g.id, g.merchant_id, g.type, g.object_id, last.seq + g.nth, :createdOn, CAST(g.data AS json)
    FROM given g
    CROSS JOIN LATERAL (SELECT coalesce(max(object_seq), 0) AS seq
                        FROM events
                        WHERE merchant_id = g.merchant_id
                          AND object_id = g.object_id) AS last
    RETURNING id, merchant_id, type, object_seq
), fan_out AS (
    INSERT INTO webhook_deliveries (merchant_id, event_id, endpoint_id, event_type, status, schedule_start,
                                    next_attempt_at, claimed_until, claim_token, created_on, updated_on)
    SELECT ev.merchant_id, ev.id, e.id, ev.type, 'pending', :createdOn, :createdOn, l.until, l.token, :createdOn, :createdOn
    FROM event ev
    JOIN webhook_endpoints e ON e.merchant_id = ev.merchant_id AND e.active
    LEFT JOIN (SELECT CAST(:leaseUntil AS timestamptz) AS until, CAST(:token AS text) AS token) AS l
           ON l.token IS NOT NULL AND NOT (e.id = ANY(CAST(:busy AS text[])))
    WHERE jsonb_array_length(e.event_types) = 0
       OR EXISTS (SELECT 1 FROM jsonb_array_elements_text(e.event_types) AS t (pattern)
                  WHERE t.pattern = ev.type
                     OR (right(t.pattern, 1) = '*' AND starts_with(ev.type, rtrim(t.pattern, '*'))))
    RETURNING event_id, endpoint_id, claim_token
)
SELECT ev.id, ev.object_seq, e.id AS endpoint_id, e.url, e.headers::text AS headers, e.secret, e.previous_secret,
       e.previous_secret_expires_on
FROM given g
JOIN event ev ON ev.id = g.id
LEFT JOIN fan_out f ON f.event_id = ev.id AND f.claim_token IS NOT NULL
LEFT JOIN webhook_endpoints e ON e.id = f.endpoint_id AND e.merchant_id = ev.merchant_id
ORDER BY g.ord, e.id
