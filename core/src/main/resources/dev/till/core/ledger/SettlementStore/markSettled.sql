UPDATE ledger_settlements
SET settled_on = :now
WHERE merchant_id = :merchantId
  AND id = :id
  AND settled_on IS NULL
