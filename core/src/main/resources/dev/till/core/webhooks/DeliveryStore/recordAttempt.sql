-- Attempts, each with its delivery's next state, in one statement however many there are (the
-- sender writes its finished attempts together; a statement per attempt costs PostgreSQL a plan
-- start-up and a round of constraint checks each). The attempts arrive as parallel arrays, at
-- most one per delivery (DeliveryStore.recordAll splits a batch that holds two). A delivery's
-- next state is 'succeeded' or 'failed' (no next attempt), or still 'pending' with the time of the
-- next attempt.
-- Every attempt is kept and counted, even when its lease was lost meanwhile, and is numbered here,
-- under the delivery's row lock, so a late attempt and the one that replaced it never share a
-- number. But the delivery moves only under the attempt's own lease: a late attempt changes
-- nothing else, so a late failure never undoes the success of the send that replaced it.
-- A lease is only ever taken on, and kept by, a pending delivery, so the token alone says the
-- delivery is still pending. Not testing status as well is deliberate: PostgreSQL must not read
-- the due index (every pending delivery, which is a large set when an endpoint is down) to match
-- what the primary key finds one lookup per attempt.
WITH a AS (
    SELECT *
    FROM unnest(CAST(:ids AS text[]), CAST(:merchantIds AS text[]), CAST(:eventIds AS text[]),
                CAST(:endpointIds AS text[]), CAST(CAST(:attemptedOn AS text[]) AS timestamptz[]),
                CAST(:outcomes AS text[]), CAST(:statusCodes AS int[]), CAST(:latencies AS int[]),
                CAST(:errors AS text[]), CAST(:excerpts AS text[]), CAST(:statuses AS text[]),
                CAST(CAST(:nextAttemptAt AS text[]) AS timestamptz[]), CAST(:tokens AS text[]))
         AS a(id, merchant_id, event_id, endpoint_id, attempted_on, outcome, status_code, latency_ms, error,
              response_excerpt, status, next_attempt_at, token)
), counted AS (
    UPDATE webhook_deliveries d
    SET attempts = d.attempts + 1,
        status = CASE WHEN d.claim_token = a.token THEN a.status ELSE d.status END,
        next_attempt_at = CASE WHEN d.claim_token = a.token THEN a.next_attempt_at ELSE d.next_attempt_at END,
        round_attempts = CASE WHEN d.claim_token = a.token THEN d.round_attempts + 1 ELSE d.round_attempts END,
        last_status = CASE WHEN d.claim_token = a.token THEN a.status_code ELSE d.last_status END,
        claimed_until = CASE WHEN d.claim_token = a.token THEN NULL ELSE d.claimed_until END,
        claim_token = CASE WHEN d.claim_token = a.token THEN NULL ELSE d.claim_token END,
        updated_on = :now
    FROM a
    WHERE d.merchant_id = a.merchant_id
      AND d.event_id = a.event_id
      AND d.endpoint_id = a.endpoint_id
    RETURNING d.event_id, d.endpoint_id, d.attempts AS number
)
INSERT INTO webhook_attempts (id, merchant_id, event_id, endpoint_id, number, attempted_on, outcome, status_code,
                              latency_ms, error, response_excerpt)
SELECT a.id, a.merchant_id, a.event_id, a.endpoint_id, c.number, a.attempted_on, a.outcome, a.status_code, a.latency_ms,
       a.error, a.response_excerpt
FROM a
JOIN counted c ON c.event_id = a.event_id AND c.endpoint_id = a.endpoint_id
