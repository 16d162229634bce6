UPDATE ledger_settlements
SET amount = amount - :by
WHERE merchant_id = :merchantId
  AND id = :id
  AND settled_on IS NULL
  AND amount >= :by
