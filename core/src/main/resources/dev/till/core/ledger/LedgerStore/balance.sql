-- One statement, so one snapshot: a concurrent fold is seen either wholly or not at all.
SELECT coalesce((SELECT balance FROM ledger_accounts
                 WHERE merchant_id = :merchantId AND account = :account AND currency = :currency), 0)
     + coalesce((SELECT sum(CASE direction WHEN 'credit' THEN amount ELSE -amount END) FROM ledger_lines
                 WHERE merchant_id = :merchantId AND account = :account AND currency = :currency AND NOT folded), 0)
