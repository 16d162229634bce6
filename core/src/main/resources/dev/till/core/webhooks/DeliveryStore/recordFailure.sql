-- One statement, so the attempt row and the delivery's next state commit together without an
-- explicit transaction. The attempt is kept even when the lease was lost meanwhile (0 rows updated).
WITH attempt AS (
    INSERT INTO webhook_attempts (id, merchant_id, event_id, endpoint_id, number, attempted_on, outcome, status_code,
                                  latency_ms, error, response_excerpt)
    VALUES (:a.id, :a.merchantId, :a.eventId, :a.endpointId, :a.number, :a.attemptedOn, :a.outcome, :a.statusCode,
            :a.latencyMs, :a.error, :a.responseExcerpt)
)
UPDATE webhook_deliveries
SET status = 'failed',
    next_attempt_at = NULL,
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
