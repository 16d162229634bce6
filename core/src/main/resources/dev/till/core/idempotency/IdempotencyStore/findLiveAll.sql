-- The live records of several keys in one round trip, each with its place (from 1) in the list
-- given; a key without a live record has no row.
SELECT k.n, i.request_hash, i.response_status, i.response_body
FROM unnest(CAST(:merchantIds AS text[]), CAST(:endpoints AS text[]), CAST(:keys AS text[]))
         WITH ORDINALITY AS k(merchant_id, endpoint, idempotency_key, n)
JOIN idempotency_keys i ON i.merchant_id = k.merchant_id
                       AND i.endpoint = k.endpoint
                       AND i.idempotency_key = k.idempotency_key
WHERE i.created_on >= :notBefore
