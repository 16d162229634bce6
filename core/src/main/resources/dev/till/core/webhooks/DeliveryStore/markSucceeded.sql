UPDATE webhook_deliveries
SET status = 'succeeded',
    next_attempt_at = NULL,
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
