INSERT INTO webhook_attempts (id, merchant_id, event_id, endpoint_id, number, attempted_on, outcome, status_code,
                              latency_ms, error, response_excerpt)
VALUES (:id, :merchantId, :eventId, :endpointId, :number, :attemptedOn, :outcome, :statusCode, :latencyMs, :error,
        :responseExcerpt)
