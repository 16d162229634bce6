INSERT INTO idempotency_keys (merchant_id, endpoint, idempotency_key, request_hash, response_status, response_body, created_on)
VALUES (:merchantId, :endpoint, :key, :requestHash, :status, :body, :createdOn)
ON CONFLICT (merchant_id, endpoint, idempotency_key) DO UPDATE
    SET request_hash = EXCLUDED.request_hash,
        response_status = EXCLUDED.response_status,
        response_body = EXCLUDED.response_body,
        created_on = EXCLUDED.created_on
