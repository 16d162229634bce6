-- New payments, each written once as the network's answer left it, with the actions that answer
-- made (none while it is pending; its authorization; or its authorization and the capture that
-- followed at once), all in one statement: one payment, or a group of concurrent requests' payments
-- (see PaymentGroups). The payments arrive as parallel arrays, one element per payment; the
-- actions as parallel arrays, one element per action, each naming its payment and numbered from 1
-- within it. The new rows need no lock: nobody sees them before our commit.
WITH inserted AS (
    INSERT INTO payments (id, merchant_id, version, status, amount, currency, authorized, captured, refunded, released,
                          action_id, source_id, customer_id, reference, description, payment_type, capture_requested,
                          three_ds_requested, challenge_id, success_url, failure_url, metadata, approved, auth_code,
                          response_code, response_summary, avs_check, cvv_check, risk_flagged, funds_availability,
                          network_reference, awaiting, requested_on, processed_on, expires_on, pays_for)
    SELECT p.id, p.merchant_id, p.version, p.status, p.amount, p.currency, p.authorized, p.captured, p.refunded,
           p.released, p.action_id, p.source_id, p.customer_id, p.reference, p.description, p.payment_type,
           p.capture_requested, p.three_ds_requested, p.challenge_id, p.success_url, p.failure_url,
           coalesce(CAST(p.metadata AS jsonb), '{}'), p.approved, p.auth_code, p.response_code, p.response_summary,
           p.avs_check, p.cvv_check, p.risk_flagged, p.funds_availability, p.network_reference, p.awaiting,
           p.requested_on, p.processed_on, p.expires_on, p.pays_for
    FROM unnest(CAST(:p.ids AS text[]), CAST(:p.merchantIds AS text[]), CAST(:p.versions AS int[]),
                CAST(:p.statuses AS text[]), CAST(:p.amounts AS bigint[]), CAST(:p.currencies AS text[]),
                CAST(:p.authorized AS bigint[]), CAST(:p.captured AS bigint[]), CAST(:p.refunded AS bigint[]),
                CAST(:p.released AS bigint[]), CAST(:p.actionIds AS text[]), CAST(:p.sourceIds AS text[]),
                CAST(:p.customerIds AS text[]), CAST(:p.references AS text[]), CAST(:p.descriptions AS text[]),
                CAST(:p.paymentTypes AS text[]), CAST(:p.captureRequested AS boolean[]),
                CAST(:p.threeDsRequested AS boolean[]), CAST(:p.challengeIds AS text[]), CAST(:p.successUrls AS text[]),
                CAST(:p.failureUrls AS text[]), CAST(:p.metadata AS text[]), CAST(:p.approved AS boolean[]),
                CAST(:p.authCodes AS text[]), CAST(:p.responseCodes AS text[]), CAST(:p.responseSummaries AS text[]),
                CAST(:p.avsChecks AS text[]), CAST(:p.cvvChecks AS text[]), CAST(:p.riskFlagged AS boolean[]),
                CAST(:p.fundsAvailability AS text[]), CAST(:p.networkReferences AS text[]), CAST(:p.awaiting AS text[]),
                CAST(CAST(:p.requestedOn AS text[]) AS timestamptz[]), CAST(CAST(:p.processedOn AS text[]) AS timestamptz[]),
                CAST(CAST(:p.expiresOn AS text[]) AS timestamptz[]), CAST(:p.paysFor AS text[]))
             AS p(id, merchant_id, version, status, amount, currency, authorized, captured, refunded, released,
                  action_id, source_id, customer_id, reference, description, payment_type, capture_requested,
                  three_ds_requested, challenge_id, success_url, failure_url, metadata, approved, auth_code,
                  response_code, response_summary, avs_check, cvv_check, risk_flagged, funds_availability,
                  network_reference, awaiting, requested_on, processed_on, expires_on, pays_for)
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
    FROM unnest(CAST(:a.ids AS text[]), CAST(:a.paymentIds AS text[]), CAST(:a.types AS text[]),
                CAST(:a.amounts AS bigint[]), CAST(:a.approved AS boolean[]), CAST(:a.authCodes AS text[]),
                CAST(:a.responseCodes AS text[]), CAST(:a.responseSummaries AS text[]), CAST(:a.references AS text[]),
                CAST(:a.metadata AS text[]), CAST(CAST(:a.processedOn AS text[]) AS timestamptz[]),
                CAST(:a.seqs AS int[]))
             AS a(id, payment_id, type, amount, approved, auth_code, response_code, response_summary, reference,
                  metadata, processed_on, seq)
    JOIN inserted ON inserted.id = a.payment_id
)
SELECT * FROM inserted
