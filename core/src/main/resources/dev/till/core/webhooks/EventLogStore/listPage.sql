SELECT id, merchant_id, type, object_id, object_seq, created_on, data::text AS data
FROM events
WHERE merchant_id = :merchantId
  AND (CAST(:type AS text) IS NULL OR type = :type)
  AND (CAST(:objectId AS text) IS NULL OR object_id = :objectId)
  AND (created_on, id) < (:afterCreatedOn, :afterId)
ORDER BY created_on DESC, id DESC
LIMIT :limit
