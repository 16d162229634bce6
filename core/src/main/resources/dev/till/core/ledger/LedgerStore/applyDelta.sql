-- The row lock taken here serialises every posting to this balance; the guard refuses an
-- overdraft of the merchant's own balances instead of letting the CHECK constraint fail.
UPDATE ledger_accounts
SET balance = balance + :delta
WHERE merchant_id = :merchantId
  AND account = :account
  AND currency = :currency
  AND (NOT :mustStayNonNegative OR balance + :delta >= 0)
