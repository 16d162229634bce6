-- Attempts, each with its delivery's next state, in one statement however many there are (the
-- sender writes its finished attempts together; a statement per attempt costs PostgreSQL a plan
-- start-up and a round of constraint checks each). The attempts arrive as parallel arrays. A
-- delivery's next state is 'succeeded' or 'failed' (no next attempt), or still 'pending' with the
-- time of the next attempt. Every attempt is kept, even when its lease was lost meanwhile: the
-- delivery moves only under the attempt's own lease, so of two attempts of one delivery in a
-- batch (the first one's lease ran out while it was sent) only the current lease's moves it.
-- A lease is only ever taken on, and kept by, a pending delivery, so the token alone says the
-- delivery is still pending. Not testing status as well is deliberate: PostgreSQL must not read
-- the due index (every pending delivery, which is a large set when an endpoint is down) to match
-- what the primary key finds one lookup per attempt.
WITH a AS (
    SELECT *
    FROM unnest(CAST(:ids AS text[]), CAST(:merchantIds AS text[]), CAST(:eventIds AS text[]),
                CAST(:endpointIds AS text[]), CAST(:numbers AS int[]), CAST(CAST(:attemptedOn AS text[]) AS timestamptz[]),
                CAST(:outcomes AS text[]), CAST(:statusCodes AS int[]), CAST(:latencies AS int[]),
                CAST(:errors AS text[]), CAST(:excerpts AS text[]), CAST(:statuses AS text[]),
                CAST(CAST(:nextAttemptAt AS text[]) AS timestamptz[]), CAST(:tokens AS text[]))
         AS a(id, merchant_id, event_id, endpoint_id, number, attempted_on, outcome, status_code, latency_ms, error,
              response_excerpt, status, next_attempt_at, token)
), attempt AS (
    INSERT INTO webhook_attempts (id, merchant_id, event_id, endpoint_id, number, attempted_on, outcome, status_code,
                                  latency_ms, error, response_excerpt)
    SELECT id, merchant_id, event_id, endpoint_id, number, attempted_on, outcome, status_code, latency_ms, error,
           response_excerpt
    FROM a
)
UPDATE webhook_deliveries d
SET status = a.status,
    next_attempt_at = a.next_attempt_at,
    attempts = d.attempts + 1,
    round_attempts = d.round_attempts + 1,
    last_status = a.status_code,
    claimed_until = NULL,
    claim_token = NULL,
    updated_on = :now
FROM a
WHERE d.merchant_id = a.merchant_id
  AND d.event_id = a.event_id
  AND d.endpoint_id = a.endpoint_id
  AND d.claim_token = a.token
