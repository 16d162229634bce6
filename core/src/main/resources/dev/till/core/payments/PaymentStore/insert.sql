INSERT INTO payments (id, merchant_id, version, status, amount, currency, action_id, source_id, customer_id, reference,
                      description, payment_type, capture_requested, three_ds_requested, challenge_id, success_url,
                      failure_url, metadata, awaiting, requested_on, pays_for)
VALUES (:p.id, :p.merchantId, 0, :p.status, :p.amount, :p.currency, :p.actionId, :p.sourceId, :p.customerId, :p.reference,
        :p.description, :p.paymentType, :p.captureRequested, :p.threeDsRequested, :p.challengeId, :p.successUrl,
        :p.failureUrl, coalesce(CAST(:p.metadata AS jsonb), '{}'), :p.awaiting, :p.requestedOn, :p.paysFor)
RETURNING id, merchant_id, version, status, amount, currency, authorized, captured, refunded, released, action_id, source_id,
          customer_id, reference, description, payment_type, capture_requested, three_ds_requested, challenge_id, success_url,
          failure_url, metadata::text AS metadata, approved, auth_code, response_code, response_summary, avs_check, cvv_check,
          risk_flagged, funds_availability, network_reference, awaiting, requested_on, processed_on, expires_on,
          pays_for
