SELECT id, merchant_id, source_id, currency, amount, settle_on
FROM ledger_settlements
WHERE merchant_id = :merchantId
  AND source_id = :sourceId
  AND currency = :currency
  AND settled_on IS NULL
ORDER BY settle_on, id
FOR UPDATE
