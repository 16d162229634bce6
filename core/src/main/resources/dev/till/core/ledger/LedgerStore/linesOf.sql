SELECT entry_id, line_no, account, currency, direction, amount
FROM ledger_lines
WHERE merchant_id = :merchantId
  AND entry_id = ANY(:entryIds)
ORDER BY entry_id, line_no
