SELECT request_hash, response_status, response_body
FROM idempotency_keys
WHERE merchant_id = :merchantId
  AND endpoint = :endpoint
  AND idempotency_key = :key
  AND created_on >= :notBefore
