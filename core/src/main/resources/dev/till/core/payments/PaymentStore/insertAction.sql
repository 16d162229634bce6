-- The payment row is locked by the caller, so max(seq) + 1 cannot race.
INSERT INTO payment_actions (id, merchant_id, payment_id, type, amount, approved, auth_code, response_code,
                             response_summary, reference, metadata, processed_on, seq)
VALUES (:a.id, :a.merchantId, :a.paymentId, :a.type, :a.amount, :a.approved, :a.authCode, :a.responseCode,
        :a.responseSummary, :a.reference, coalesce(CAST(:a.metadata AS jsonb), '{}'), :a.processedOn,
        (SELECT coalesce(max(seq), 0) + 1 FROM payment_actions WHERE merchant_id = :a.merchantId AND payment_id = :a.paymentId))
