SELECT id, merchant_id, type, object_id, object_seq, created_on, data::text AS data
FROM events
WHERE merchant_id = :merchantId
  AND object_id = :objectId
ORDER BY object_seq
