SELECT id, merchant_id, type, source_id, action_id, description, created_on
FROM ledger_entries
WHERE merchant_id = :merchantId
  AND (CAST(:type AS text) IS NULL OR type = :type)
  AND (CAST(:sourceId AS text) IS NULL OR source_id = :sourceId)
  AND created_on >= :from
  AND created_on < :to
  AND (created_on, id) < (:afterCreatedOn, :afterId)
ORDER BY created_on DESC, id DESC
LIMIT :limit
