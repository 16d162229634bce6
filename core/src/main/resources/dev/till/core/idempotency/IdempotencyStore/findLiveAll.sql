-- The live records of several keys in one round trip. The caller pairs each row with the
-- (merchant, endpoint, key) it asked for: a row can match these lists without being one of the
-- triples asked. Written with = ANY rather than a join against the lists, whose plan PostgreSQL
-- made afresh on every call (a generic plan guesses ten rows and looks dearer than a custom one for
-- two): planning cost more than running it.
SELECT merchant_id, endpoint, idempotency_key, request_hash, response_status, response_body
FROM idempotency_keys
WHERE idempotency_key = ANY(CAST(:keys AS text[]))
  AND merchant_id = ANY(CAST(:merchantIds AS text[]))
  AND endpoint = ANY(CAST(:endpoints AS text[]))
  AND created_on >= :notBefore
