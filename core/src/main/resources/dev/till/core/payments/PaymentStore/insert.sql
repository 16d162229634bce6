-- A new payment, written once as the network's answer left it, with the actions that answer made
-- (none while it is pending; its authorization; or its authorization and the capture that followed
-- at once) in the same statement. The actions arrive as parallel arrays, one element per action,
-- numbered from 1 in order. The new row needs no lock: nobody sees it before our commit.
WITH inserted AS (
    INSERT INTO payments (id, merchant_id, version, status, amount, currency, authorized, captured, refunded, released,
                          action_id, source_id, customer_id, reference, description, payment_type, capture_requested,
                          three_ds_requested, challenge_id, success_url, failure_url, metadata, approved, auth_code,
                          response_code, response_summary, avs_check, cvv_check, risk_flagged, funds_availability,
                          network_reference, awaiting, requested_on, processed_on, expires_on, pays_for)
    VALUES (:p.id, :p.merchantId, :p.version, :p.status, :p.amount, :p.currency, :p.authorized, :p.captured, :p.refunded,
            :p.released, :p.actionId, :p.sourceId, :p.customerId, :p.reference, :p.description, :p.paymentType,
            :p.captureRequested, :p.threeDsRequested, :p.challengeId, :p.successUrl, :p.failureUrl,
            coalesce(CAST(:p.metadata AS jsonb), '{}'), :p.approved, :p.authCode, :p.responseCode, :p.responseSummary,
            :p.avsCheck, :p.cvvCheck, :p.riskFlagged, :p.fundsAvailability, :p.networkReference, :p.awaiting,
            :p.requestedOn, :p.processedOn, :p.expiresOn, :p.paysFor)
    RETURNING id, merchant_id, version, status, amount, currency, authorized, captured, refunded, released, action_id,
              source_id, customer_id, reference, description, payment_type, capture_requested, three_ds_requested,
              challenge_id, success_url, failure_url, metadata::text AS metadata, approved, auth_code, response_code,
              response_summary, avs_check, cvv_check, risk_flagged, funds_availability, network_reference, awaiting,
              requested_on, processed_on, expires_on, pays_for
), actions AS (
    INSERT INTO payment_actions (id, merchant_id, payment_id, type, amount, approved, auth_code, response_code,
                                 response_summary, reference, metadata, processed_on, seq)
    SELECT a.id, inserted.merchant_id, inserted.id, a.type, a.amount, a.approved, a.auth_code, a.response_code,
           a.response_summary, a.reference, coalesce(CAST(a.metadata AS jsonb), '{}'), a.processed_on, a.seq
    FROM inserted,
         unnest(CAST(:a.ids AS text[]), CAST(:a.types AS text[]), CAST(:a.amounts AS bigint[]),
                CAST(:a.approved AS boolean[]), CAST(:a.authCodes AS text[]), CAST(:a.responseCodes AS text[]),
                CAST(:a.responseSummaries AS text[]), CAST(:a.references AS text[]), CAST(:a.metadata AS text[]),
                CAST(CAST(:a.processedOn AS text[]) AS timestamptz[]))
             WITH ORDINALITY AS a(id, type, amount, approved, auth_code, response_code, response_summary, reference,
                                  metadata, processed_on, seq)
)
SELECT * FROM inserted
