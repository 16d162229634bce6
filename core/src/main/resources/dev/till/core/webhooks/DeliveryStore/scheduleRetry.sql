UPDATE webhook_deliveries
SET next_attempt_at = :nextAttemptAt,
    attempts = attempts + 1,
    round_attempts = round_attempts + 1,
    last_status = :statusCode,
    claimed_until = NULL,
    claim_token = NULL,
    updated_on = :now
WHERE merchant_id = :merchantId
  AND event_id = :eventId
  AND endpoint_id = :endpointId
  AND status = 'pending'
  AND claim_token = :token
