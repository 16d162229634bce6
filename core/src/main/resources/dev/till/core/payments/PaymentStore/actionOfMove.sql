-- The action that goes with a state change, in the same statement as the change (PaymentStore.withAction
-- wraps a mark*.sql update as "moved"): it is inserted only if the guarded update matched a row. The
-- update locks the payment row, so max(seq) + 1 cannot race.
INSERT INTO payment_actions (id, merchant_id, payment_id, type, amount, approved, auth_code, response_code,
                             response_summary, reference, metadata, processed_on, seq)
SELECT :a.id, moved.merchant_id, moved.id, :a.type, :a.amount, :a.approved, :a.authCode, :a.responseCode,
       :a.responseSummary, :a.reference, coalesce(CAST(:a.metadata AS jsonb), '{}'), :a.processedOn,
       (SELECT coalesce(max(seq), 0) + 1 FROM payment_actions pa WHERE pa.merchant_id = moved.merchant_id AND pa.payment_id = moved.id)
FROM moved
