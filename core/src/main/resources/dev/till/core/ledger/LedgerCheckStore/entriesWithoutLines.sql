SELECT 'entry ' || e.id || ' has no lines'
FROM ledger_entries e
WHERE (CAST(:merchantId AS text) IS NULL OR e.merchant_id = :merchantId)
  AND NOT EXISTS (SELECT 1 FROM ledger_lines l WHERE l.merchant_id = e.merchant_id AND l.entry_id = e.id)
