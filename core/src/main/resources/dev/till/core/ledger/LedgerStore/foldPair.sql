-- Moves every committed, unfolded line of one merchant and currency into its account balances.
-- Existing accounts are updated and new ones inserted in separate steps: an INSERT … ON CONFLICT
-- would check the balance CHECK against the bare delta (a settlement's negative pending delta)
-- before finding the existing row.
WITH folded AS (
    UPDATE ledger_lines
    SET folded = true
    WHERE merchant_id = :merchantId
      AND currency = :currency
      AND NOT folded
    RETURNING account, CASE direction WHEN 'credit' THEN amount ELSE -amount END AS delta
), sums AS (
    SELECT account, sum(delta) AS delta FROM folded GROUP BY account
), updated AS (
    UPDATE ledger_accounts a
    SET balance = a.balance + s.delta
    FROM sums s
    WHERE a.merchant_id = :merchantId
      AND a.currency = :currency
      AND a.account = s.account
    RETURNING a.account
)
INSERT INTO ledger_accounts (merchant_id, account, currency, balance)
SELECT :merchantId, account, :currency, delta
FROM sums
WHERE account NOT IN (SELECT account FROM updated)
