SELECT id, merchant_id, external_ref, quote_id, status, source_currency, source_amount, fee, target_currency, target_amount, rate,
       beneficiary::text AS beneficiary, reference, failure_code, next_step_on, created_on, updated_on, version
FROM payouts
WHERE merchant_id = :merchantId
  AND id = :id
