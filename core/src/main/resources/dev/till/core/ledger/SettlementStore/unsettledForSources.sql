-- The unsettled funds of several sources (payments), locked: a refund and the settlement job cannot
-- both take them. One statement locks them all, in one order (settle_on, id) wherever it runs.
SELECT s.id, s.merchant_id, s.source_id, s.currency, s.amount, s.settle_on
FROM ledger_settlements s
JOIN unnest(CAST(:merchantIds AS text[]), CAST(:sourceIds AS text[]), CAST(:currencies AS text[]))
         AS r(merchant_id, source_id, currency)
  ON s.merchant_id = r.merchant_id AND s.source_id = r.source_id AND s.currency = r.currency
WHERE s.settled_on IS NULL
ORDER BY s.settle_on, s.id
FOR UPDATE OF s
