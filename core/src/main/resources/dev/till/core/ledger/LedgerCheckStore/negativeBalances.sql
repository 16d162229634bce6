SELECT 'merchant ' || merchant_id || ' has ' || account || ' ' || currency || ' of ' || balance
FROM ledger_accounts
WHERE (CAST(:merchantId AS text) IS NULL OR merchant_id = :merchantId)
  AND account IN ('merchant_pending', 'merchant_available', 'merchant_reserved')
  AND balance < 0
