-- Across merchants on purpose: the payout rail job's claim. SKIP LOCKED lets several nodes share it.
SELECT id, merchant_id, external_ref, quote_id, status, source_currency, source_amount, fee, target_currency, target_amount, rate,
       beneficiary::text AS beneficiary, reference, failure_code, next_step_on, created_on, updated_on, version
FROM payouts
WHERE status IN ('created', 'processing')
  AND next_step_on <= :now
ORDER BY next_step_on, id
LIMIT :limit
FOR UPDATE SKIP LOCKED
