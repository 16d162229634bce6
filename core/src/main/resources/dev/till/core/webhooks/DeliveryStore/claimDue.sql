WITH live AS (
    SELECT endpoint_id, count(*) AS n
    FROM webhook_deliveries
    WHERE claimed_until > :now
    GROUP BY endpoint_id
), candidates AS (
    SELECT d.event_id, d.endpoint_id, d.next_attempt_at
    FROM webhook_deliveries d
    JOIN webhook_endpoints e ON e.id = d.endpoint_id AND e.merchant_id = d.merchant_id
    WHERE d.status = 'pending'
      AND d.next_attempt_at <= :now
      AND (d.claimed_until IS NULL OR d.claimed_until <= :now)
      AND e.active
      AND d.endpoint_id NOT IN (SELECT endpoint_id FROM live WHERE n >= :perEndpoint)
    ORDER BY d.next_attempt_at
    LIMIT :limit
    FOR UPDATE OF d SKIP LOCKED
), ranked AS (
    SELECT c.event_id, c.endpoint_id,
           row_number() OVER (PARTITION BY c.endpoint_id ORDER BY c.next_attempt_at) + coalesce(l.n, 0) AS slot
    FROM candidates c
    LEFT JOIN live l ON l.endpoint_id = c.endpoint_id
)
UPDATE webhook_deliveries d
SET claimed_until = :leaseUntil,
    claim_token = :token
FROM ranked r, webhook_endpoints e, events ev
WHERE r.slot <= :perEndpoint
  AND d.event_id = r.event_id
  AND d.endpoint_id = r.endpoint_id
  AND e.id = d.endpoint_id
  AND e.merchant_id = d.merchant_id
  AND ev.id = d.event_id
  AND ev.merchant_id = d.merchant_id
RETURNING d.merchant_id, d.event_id, d.endpoint_id, d.event_type, d.round_attempts, d.schedule_start,
          e.url, e.headers::text AS headers, e.secret, e.previous_secret, e.previous_secret_expires_on,
          ev.created_on AS event_created_on, ev.data::text AS data
