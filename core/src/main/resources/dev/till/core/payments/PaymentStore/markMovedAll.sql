-- Captures or refunds of locked payments, each with its action, in one statement: one payment's, or
-- a group's of concurrent requests (see PaymentGroups), never two of one payment. Each update is
-- guarded by the row's version and the status it was read with, and sets the balances the state
-- machine computed; an action is inserted only for a payment the update moved. The update locks the
-- row, so max(seq) + 1 cannot race. The moves and their actions arrive as parallel arrays, one
-- element per payment.
WITH moved AS (
    UPDATE payments p
    SET version = p.version + 1, status = m.status, captured = m.captured, refunded = m.refunded, released = m.released
    FROM unnest(CAST(:ids AS text[]), CAST(:merchantIds AS text[]), CAST(:versions AS int[]), CAST(:fromStatuses AS text[]),
                CAST(:statuses AS text[]), CAST(:captured AS bigint[]), CAST(:refunded AS bigint[]), CAST(:released AS bigint[]))
             AS m(id, merchant_id, version, from_status, status, captured, refunded, released)
    WHERE p.merchant_id = m.merchant_id
      AND p.id = m.id
      AND p.version = m.version
      AND p.status = m.from_status
    RETURNING p.id, p.merchant_id, p.version, p.status, p.amount, p.currency, p.authorized, p.captured, p.refunded,
              p.released, p.action_id, p.source_id, p.customer_id, p.reference, p.description, p.payment_type,
              p.capture_requested, p.three_ds_requested, p.challenge_id, p.success_url, p.failure_url,
              p.metadata::text AS metadata, p.approved, p.auth_code, p.response_code, p.response_summary, p.avs_check,
              p.cvv_check, p.risk_flagged, p.funds_availability, p.network_reference, p.awaiting, p.requested_on,
              p.processed_on, p.expires_on, p.pays_for
), action AS (
    INSERT INTO payment_actions (id, merchant_id, payment_id, type, amount, approved, auth_code, response_code,
                                 response_summary, reference, metadata, processed_on, seq)
    SELECT a.id, moved.merchant_id, moved.id, a.type, a.amount, a.approved, a.auth_code, a.response_code,
           a.response_summary, a.reference, coalesce(CAST(a.metadata AS jsonb), '{}'), a.processed_on,
           (SELECT coalesce(max(seq), 0) + 1 FROM payment_actions pa WHERE pa.merchant_id = moved.merchant_id AND pa.payment_id = moved.id)
    FROM unnest(CAST(:a.ids AS text[]), CAST(:a.paymentIds AS text[]), CAST(:a.types AS text[]),
                CAST(:a.amounts AS bigint[]), CAST(:a.approved AS boolean[]), CAST(:a.authCodes AS text[]),
                CAST(:a.responseCodes AS text[]), CAST(:a.responseSummaries AS text[]), CAST(:a.references AS text[]),
                CAST(:a.metadata AS text[]), CAST(CAST(:a.processedOn AS text[]) AS timestamptz[]))
             AS a(id, payment_id, type, amount, approved, auth_code, response_code, response_summary, reference,
                  metadata, processed_on)
    JOIN moved ON moved.id = a.payment_id
)
SELECT * FROM moved
