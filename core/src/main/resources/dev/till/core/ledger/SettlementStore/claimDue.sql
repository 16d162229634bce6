-- Across merchants on purpose: the settlement job's claim. SKIP LOCKED lets several nodes share it.
SELECT id, merchant_id, source_id, currency, amount, settle_on
FROM ledger_settlements
WHERE settled_on IS NULL
  AND settle_on <= :now
ORDER BY settle_on, id
LIMIT :limit
FOR UPDATE SKIP LOCKED
