-- Locks payments about to move, for a group of concurrent captures or refunds (see PaymentGroups), in one
-- round trip and in id order, so that two groups locking some of the same payments never wait on
-- each other. The (merchant, payment) pairs arrive as parallel arrays and are matched as pairs, so
-- a merchant naming another merchant's payment locks nothing of the other's.
SELECT id, merchant_id, version, status, amount, currency, authorized, captured, refunded, released, action_id, source_id,
       customer_id, reference, description, payment_type, capture_requested, three_ds_requested, challenge_id, success_url,
       failure_url, metadata::text AS metadata, approved, auth_code, response_code, response_summary, avs_check, cvv_check,
       risk_flagged, funds_availability, network_reference, awaiting, requested_on, processed_on, expires_on, pays_for
FROM payments
WHERE (merchant_id, id) IN (SELECT a.merchant_id, a.id
                            FROM unnest(CAST(:merchantIds AS text[]), CAST(:ids AS text[])) AS a(merchant_id, id))
ORDER BY id
FOR UPDATE
