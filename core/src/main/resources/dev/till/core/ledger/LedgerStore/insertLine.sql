INSERT INTO ledger_lines (entry_id, line_no, merchant_id, account, currency, direction, amount)
VALUES (:entryId, :lineNo, :merchantId, :account, :currency, :direction, :amount)
