SELECT balance
FROM ledger_accounts
WHERE merchant_id = :merchantId
  AND account = :account
  AND currency = :currency
