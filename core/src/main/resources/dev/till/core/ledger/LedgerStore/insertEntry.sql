INSERT INTO ledger_entries (id, merchant_id, type, source_id, action_id, description, created_on)
VALUES (:id, :merchantId, :type, :sourceId, :actionId, :description, :now)
