-- An account whose folded balance differs from the sum of its folded lines (or folded lines with no account).
SELECT 'merchant ' || coalesce(a.merchant_id, l.merchant_id) || ' ' || coalesce(a.account, l.account) || ' '
       || coalesce(a.currency, l.currency) || ': balance ' || coalesce(a.balance, 0) || ' but lines sum to ' || coalesce(l.total, 0)
FROM (SELECT merchant_id, account, currency, balance FROM ledger_accounts
      WHERE CAST(:merchantId AS text) IS NULL OR merchant_id = :merchantId) a
FULL JOIN (SELECT merchant_id, account, currency, sum(CASE direction WHEN 'credit' THEN amount ELSE -amount END) AS total
           FROM ledger_lines
           WHERE (CAST(:merchantId AS text) IS NULL OR merchant_id = :merchantId)
             AND folded
           GROUP BY merchant_id, account, currency) l
  ON a.merchant_id = l.merchant_id AND a.account = l.account AND a.currency = l.currency
WHERE coalesce(a.balance, 0) <> coalesce(l.total, 0)
