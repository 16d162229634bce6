-- Debits minus credits of merchant_debt for one payment: what its chargebacks left owing.
SELECT coalesce(sum(CASE l.direction WHEN 'debit' THEN l.amount ELSE -l.amount END), 0)
FROM ledger_entries e
JOIN ledger_lines l ON l.entry_id = e.id AND l.merchant_id = e.merchant_id
WHERE e.merchant_id = :merchantId
  AND e.source_id = :sourceId
  AND l.currency = :currency
  AND l.account = 'merchant_debt'
