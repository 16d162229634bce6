SELECT 'entry ' || entry_id || ' is off by ' || sum(CASE direction WHEN 'debit' THEN amount ELSE -amount END) || ' ' || currency
FROM ledger_lines
WHERE (CAST(:merchantId AS text) IS NULL OR merchant_id = :merchantId)
GROUP BY entry_id, currency
HAVING sum(CASE direction WHEN 'debit' THEN amount ELSE -amount END) <> 0
