-- One attempt and its delivery's next state in one statement: 'succeeded' or 'failed' (no next
-- attempt), or still 'pending' with the time of the next attempt. The attempt is kept even when the
-- lease was lost meanwhile (0 rows updated): the delivery moves only under the caller's lease.
WITH attempt AS (
    INSERT INTO webhook_attempts (id, merchant_id, event_id, endpoint_id, number, attempted_on, outcome, status_code,
                                  latency_ms, error, response_excerpt)
    VALUES (:a.id, :a.merchantId, :a.eventId, :a.endpointId, :a.number, :a.attemptedOn, :a.outcome, :a.statusCode,
            :a.latencyMs, :a.error, :a.responseExcerpt)
)
UPDATE webhook_deliveries
SET status = :status,
    next_attempt_at = :nextAttemptAt,
    attempts = attempts + 1,
    round_attempts = round_attempts + 1,
    last_status = :a.statusCode,
    claimed_until = NULL,
    claim_token = NULL,
    updated_on = :now
WHERE merchant_id = :a.merchantId
  AND event_id = :a.eventId
  AND endpoint_id = :a.endpointId
  AND status = 'pending'
  AND claim_token = :token
