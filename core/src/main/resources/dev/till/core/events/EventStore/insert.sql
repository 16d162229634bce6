INSERT INTO events (id, merchant_id, type, object_id, object_seq, created_on, data)
SELECT :id, :merchantId, :type, :objectId, coalesce(max(object_seq), 0) + 1, :createdOn, CAST(:data AS jsonb)
FROM events
WHERE merchant_id = :merchantId
  AND object_id = :objectId
RETURNING object_seq
