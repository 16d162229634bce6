-- A merchant balance below zero, counting the lines not folded yet.
SELECT 'merchant ' || merchant_id || ' has ' || account || ' ' || currency || ' of ' || sum(balance)
FROM (SELECT merchant_id, account, currency, balance
      FROM ledger_accounts
      WHERE CAST(:merchantId AS text) IS NULL OR merchant_id = :merchantId
      UNION ALL
      SELECT merchant_id, account, currency, CASE direction WHEN 'credit' THEN amount ELSE -amount END
      FROM ledger_lines
      WHERE (CAST(:merchantId AS text) IS NULL OR merchant_id = :merchantId)
        AND NOT folded) b
WHERE account IN ('merchant_pending', 'merchant_available', 'merchant_reserved')
GROUP BY merchant_id, account, currency
HAVING sum(balance) < 0
