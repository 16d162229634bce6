-- Folded balances plus the lines not folded yet, in one snapshot.
SELECT currency,
       coalesce(sum(balance) FILTER (WHERE account = 'merchant_pending'), 0) AS pending,
       coalesce(sum(balance) FILTER (WHERE account = 'merchant_available'), 0) AS available,
       coalesce(sum(balance) FILTER (WHERE account = 'merchant_reserved'), 0) AS reserved
FROM (SELECT account, currency, balance
      FROM ledger_accounts
      WHERE merchant_id = :merchantId
      UNION ALL
      SELECT account, currency, CASE direction WHEN 'credit' THEN amount ELSE -amount END
      FROM ledger_lines
      WHERE merchant_id = :merchantId AND NOT folded) b
WHERE account IN ('merchant_pending', 'merchant_available', 'merchant_reserved')
GROUP BY currency
ORDER BY currency
