-- Cross-merchant by design (a job); SKIP LOCKED lets several nodes share the work. A challenge is
-- issued with the payment (requested_on), so a challenge requested before :issuedBefore has
-- waited longer than Payments.CHALLENGE_TIMEOUT. Served by payments_to_expire_challenges (V14).
SELECT id, merchant_id, version, status, amount, currency, authorized, captured, refunded, released, action_id, source_id,
       customer_id, reference, description, payment_type, capture_requested, three_ds_requested, challenge_id, success_url,
       failure_url, metadata::text AS metadata, approved, auth_code, response_code, response_summary, avs_check, cvv_check,
       risk_flagged, funds_availability, network_reference, awaiting, requested_on, processed_on, expires_on,
       pays_for
FROM payments
WHERE awaiting = 'challenge'
  AND requested_on < :issuedBefore
ORDER BY requested_on
LIMIT :limit
FOR UPDATE SKIP LOCKED
