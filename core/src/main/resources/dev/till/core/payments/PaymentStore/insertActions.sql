-- The actions of moves the network declined (the payments themselves do not change): one, or a
-- group's of concurrent requests (see PaymentGroups), never two of one payment. The payment rows
-- are locked by the caller, so max(seq) + 1 cannot race. Parallel arrays, one element per action.
INSERT INTO payment_actions (id, merchant_id, payment_id, type, amount, approved, auth_code, response_code,
                             response_summary, reference, metadata, processed_on, seq)
SELECT a.id, a.merchant_id, a.payment_id, a.type, a.amount, a.approved, a.auth_code, a.response_code, a.response_summary,
       a.reference, coalesce(CAST(a.metadata AS jsonb), '{}'), a.processed_on,
       (SELECT coalesce(max(seq), 0) + 1 FROM payment_actions pa WHERE pa.merchant_id = a.merchant_id AND pa.payment_id = a.payment_id)
FROM unnest(CAST(:a.ids AS text[]), CAST(:a.merchantIds AS text[]), CAST(:a.paymentIds AS text[]), CAST(:a.types AS text[]),
            CAST(:a.amounts AS bigint[]), CAST(:a.approved AS boolean[]), CAST(:a.authCodes AS text[]),
            CAST(:a.responseCodes AS text[]), CAST(:a.responseSummaries AS text[]), CAST(:a.references AS text[]),
            CAST(:a.metadata AS text[]), CAST(CAST(:a.processedOn AS text[]) AS timestamptz[]))
         AS a(id, merchant_id, payment_id, type, amount, approved, auth_code, response_code, response_summary, reference,
              metadata, processed_on)
