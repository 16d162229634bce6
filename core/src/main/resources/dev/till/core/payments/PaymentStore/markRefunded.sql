UPDATE payments
SET version = version + 1, status = :status, refunded = :refunded, released = :released
WHERE merchant_id = :merchantId
  AND id = :id
  AND version = :version
  AND status IN ('Partially Captured', 'Captured', 'Partially Refunded')
RETURNING id, merchant_id, version, status, amount, currency, authorized, captured, refunded, released, action_id, source_id,
          customer_id, reference, description, payment_type, capture_requested, three_ds_requested, challenge_id, success_url,
          failure_url, metadata::text AS metadata, approved, auth_code, response_code, response_summary, avs_check, cvv_check,
          risk_flagged, funds_availability, network_reference, awaiting, requested_on, processed_on, expires_on,
          pays_for
