-- Records finished requests' responses, one row per key, in one round trip. An expired row the
-- purge has not reached yet is overwritten. The hashes and bodies arrive base64-encoded: JDBC has
-- no array of byte arrays.
INSERT INTO idempotency_keys (merchant_id, endpoint, idempotency_key, request_hash, response_status, response_body, created_on)
SELECT r.merchant_id, r.endpoint, r.idempotency_key, decode(r.request_hash, 'base64'), r.response_status,
       decode(r.response_body, 'base64'), :createdOn
FROM unnest(CAST(:merchantIds AS text[]), CAST(:endpoints AS text[]), CAST(:keys AS text[]),
            CAST(:requestHashes AS text[]), CAST(:statuses AS int[]), CAST(:bodies AS text[]))
         AS r(merchant_id, endpoint, idempotency_key, request_hash, response_status, response_body)
ON CONFLICT (merchant_id, endpoint, idempotency_key) DO UPDATE
    SET request_hash = EXCLUDED.request_hash,
        response_status = EXCLUDED.response_status,
        response_body = EXCLUDED.response_body,
        created_on = EXCLUDED.created_on
