-- Shrinks unsettled funds that refunds or chargebacks took back before they settled, one element
-- per settlement (each at most once). The caller holds their rows (unsettledForSources.sql).
UPDATE ledger_settlements s
SET amount = s.amount - r.by
FROM unnest(CAST(:merchantIds AS text[]), CAST(:ids AS text[]), CAST(:bys AS bigint[])) AS r(merchant_id, id, by)
WHERE s.merchant_id = r.merchant_id
  AND s.id = r.id
  AND s.settled_on IS NULL
  AND s.amount >= r.by
