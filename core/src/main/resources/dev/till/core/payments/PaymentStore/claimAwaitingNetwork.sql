-- Cross-merchant by design (a job); SKIP LOCKED lets several nodes share the work. A page of the
-- reconciler's pass: after (:afterOn, :afterId) in (requested_on, id) order, or from the start when
-- :afterOn is null, so that payments the network keeps not answering for cannot fill every page.
SELECT id, merchant_id, version, status, amount, currency, authorized, captured, refunded, released, action_id, source_id,
       customer_id, reference, description, payment_type, capture_requested, three_ds_requested, challenge_id, success_url,
       failure_url, metadata::text AS metadata, approved, auth_code, response_code, response_summary, avs_check, cvv_check,
       risk_flagged, funds_availability, network_reference, awaiting, requested_on, processed_on, expires_on,
       pays_for
FROM payments
WHERE awaiting = 'network'
  AND (CAST(:afterOn AS timestamptz) IS NULL OR (requested_on, id) > (CAST(:afterOn AS timestamptz), CAST(:afterId AS text)))
ORDER BY requested_on, id
LIMIT :limit
FOR UPDATE SKIP LOCKED
