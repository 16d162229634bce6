-- Locks payments about to move, for a group of concurrent captures (see PaymentGroups), in one
-- round trip and in id order, so that two groups locking some of the same payments never wait on
-- each other. The caller pairs each row with the (merchant, payment) it asked for: a payment of
-- another merchant in the same group matches these lists but not its pair (and is locked for
-- nothing until commit, which is harmless).
SELECT id, merchant_id, version, status, amount, currency, authorized, captured, refunded, released, action_id, source_id,
       customer_id, reference, description, payment_type, capture_requested, three_ds_requested, challenge_id, success_url,
       failure_url, metadata::text AS metadata, approved, auth_code, response_code, response_summary, avs_check, cvv_check,
       risk_flagged, funds_availability, network_reference, awaiting, requested_on, processed_on, expires_on, pays_for
FROM payments
WHERE id = ANY(CAST(:ids AS text[]))
  AND merchant_id = ANY(CAST(:merchantIds AS text[]))
ORDER BY id
FOR UPDATE
