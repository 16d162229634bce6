SELECT currency,
       coalesce(sum(balance) FILTER (WHERE account = 'merchant_pending'), 0) AS pending,
       coalesce(sum(balance) FILTER (WHERE account = 'merchant_available'), 0) AS available,
       coalesce(sum(balance) FILTER (WHERE account = 'merchant_reserved'), 0) AS reserved
FROM ledger_accounts
WHERE merchant_id = :merchantId
  AND account IN ('merchant_pending', 'merchant_available', 'merchant_reserved')
GROUP BY currency
ORDER BY currency
