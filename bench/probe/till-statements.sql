-- The same rows as group-rows.sql with :k = 1, written as Till writes them: one transaction of eight
-- statements, each a round trip (the advisory lock, the idempotency lookup, the stored card, the
-- payment with its actions, the events with their deliveries, the merchant's pricing, the ledger
-- entry with its lines and settlement, the idempotency record). The first statement takes the
-- lock, as the gateway's does, and also makes the ids, which the gateway makes itself. Run by
-- run.sh with MODE=statements; see docs/hot-path.md, "Session 15". Not part of the gateway, the
-- benchmark or the tests.
BEGIN;
SELECT *, pg_try_advisory_xact_lock(hashtextextended(ikey, 0)) AS locked
FROM (SELECT 'pay_' || substr(md5(random()::text), 1, 26) AS pay,
             'act_' || substr(md5(random()::text), 1, 26) AS a1,
             'act_' || substr(md5(random()::text), 1, 26) AS a2,
             'evt_' || substr(md5(random()::text), 1, 26) AS e1,
             'evt_' || substr(md5(random()::text), 1, 26) AS e2,
             'btx_' || substr(md5(random()::text), 1, 26) AS btx,
             'stl_' || substr(md5(random()::text), 1, 26) AS stl,
             md5(random()::text) AS ikey) AS ids
\gset
SELECT request_hash, response_status, response_body FROM idempotency_keys
WHERE merchant_id = :mer AND endpoint = 'POST /payments' AND idempotency_key = :ikey AND created_on >= now() - interval '7 days';
SELECT id, merchant_id, customer_id, bin, last4, expiry_month, expiry_year, scheme, name, billing_address::text AS billing_address,
       phone::text AS phone, fingerprint, card_type, card_category, issuer, issuer_country, product_id, product_type,
       created_on, number_ciphertext
FROM card_sources WHERE merchant_id = :mer AND id = :src;
WITH g AS (SELECT CAST(:pay AS text) AS pay, CAST(:a1 AS text) AS a1, CAST(:a2 AS text) AS a2, CAST(:e1 AS text) AS e1,
                  CAST(:e2 AS text) AS e2, CAST(:btx AS text) AS btx, CAST(:stl AS text) AS stl, CAST(:ikey AS text) AS ikey,
                  now() AS t), p AS (
    INSERT INTO payments (id, merchant_id, version, status, amount, currency, authorized, captured, refunded, released,
                          action_id, source_id, reference, payment_type, capture_requested, three_ds_requested, metadata,
                          approved, auth_code, response_code, response_summary, avs_check, cvv_check, risk_flagged,
                          funds_availability, network_reference, requested_on, processed_on, expires_on)
    SELECT pay, :mer, 2, 'Captured', 1000, 'USD', 1000, 1000, 0, 0, a1, :src, 'bench', 'Regular', true, false, '{}',
           true, '925562', '10000', 'Approved', 'S', 'Y', false, 'standard', 'sim_' || substr(pay, 5), t, t, t + interval '7 days'
    FROM g RETURNING id
)
INSERT INTO payment_actions (id, merchant_id, payment_id, type, amount, approved, auth_code, response_code,
                                 response_summary, reference, metadata, processed_on, seq)
    SELECT x.id, :mer, pay, x.type, 1000, true, x.code, '10000', 'Approved', 'bench', '{}', t, x.seq
    FROM g, LATERAL (VALUES (a1, 'Authorization', '925562', 1), (a2, 'Capture', NULL, 2)) AS x(id, type, code, seq);
WITH g AS (SELECT CAST(:pay AS text) AS pay, CAST(:a1 AS text) AS a1, CAST(:a2 AS text) AS a2, CAST(:e1 AS text) AS e1,
                  CAST(:e2 AS text) AS e2, CAST(:btx AS text) AS btx, CAST(:stl AS text) AS stl, CAST(:ikey AS text) AS ikey,
                  now() AS t), e AS (
    INSERT INTO events (id, merchant_id, type, object_id, object_seq, created_on, data)
    SELECT x.id, :mer, x.type, pay, x.seq, t, jsonb_build_object('id', pay, 'action', jsonb_build_object('id', x.act, 'type', x.atype, 'amount', 1000, 'approved', true, 'response_code', '10000'), 'amount', 1000,
        'source', '{"id": "src_smif2rlefukumpe5kr6t2zczqw", "bin": "424242", "type": "card", "last4": "4242", "scheme": "Visa", "expiry_year": 2030, "expiry_month": 12}'::jsonb,
        'status', x.status, 'approved', true,
        'balances', '{"total_voided": 0, "total_captured": 1000, "total_refunded": 0, "total_authorized": 1000, "available_to_void": 0, "available_to_refund": 1000, "available_to_capture": 0}'::jsonb,
        'currency', 'USD', 'metadata', '{}'::jsonb, 'reference', 'bench', 'response_code', '10000', 'response_summary', 'Approved', 'funds_availability', 'standard')
    FROM g, LATERAL (VALUES (e1, 'payment_approved', 1, a1, 'Authorization', 'Authorized'), (e2, 'payment_captured', 2, a2, 'Capture', 'Captured')) AS x(id, type, seq, act, atype, status)
    RETURNING id, type
)
INSERT INTO webhook_deliveries (merchant_id, event_id, endpoint_id, event_type, status, schedule_start,
                                    next_attempt_at, claimed_until, claim_token, created_on, updated_on)
    SELECT :mer, e.id, :whe, e.type, 'pending', now(), now(), now() + interval '30 seconds', 'node_probe', now(), now()
    FROM e;
SELECT capture_fee_bps, capture_fee_fixed, payout_fee_bps, payout_fee_fixed FROM merchant_pricing WHERE merchant_id = :mer;
WITH g AS (SELECT CAST(:pay AS text) AS pay, CAST(:a1 AS text) AS a1, CAST(:a2 AS text) AS a2, CAST(:e1 AS text) AS e1,
                  CAST(:e2 AS text) AS e2, CAST(:btx AS text) AS btx, CAST(:stl AS text) AS stl, CAST(:ikey AS text) AS ikey,
                  now() AS t), le AS (
    INSERT INTO ledger_entries (id, merchant_id, type, source_id, action_id, description, created_on)
    SELECT btx, :mer, 'capture', pay, a2, 'Capture of 10.00 USD, fee 0.59 USD', t FROM g RETURNING id
), ls AS (
    INSERT INTO ledger_settlements (id, merchant_id, source_id, currency, amount, settle_on)
    SELECT stl, :mer, pay, 'USD', 941, t + interval '2 days' FROM g RETURNING id
)
INSERT INTO ledger_lines (entry_id, line_no, merchant_id, account, currency, direction, amount)
    SELECT btx, x.n, :mer, x.account, 'USD', x.dir, x.amount
    FROM g, LATERAL (VALUES (1, 'card_network_clearing', 'debit', 1000), (2, 'merchant_pending', 'credit', 941), (3, 'fees', 'credit', 59)) AS x(n, account, dir, amount);
WITH g AS (SELECT CAST(:pay AS text) AS pay, CAST(:a1 AS text) AS a1, CAST(:a2 AS text) AS a2, CAST(:e1 AS text) AS e1,
                  CAST(:e2 AS text) AS e2, CAST(:btx AS text) AS btx, CAST(:stl AS text) AS stl, CAST(:ikey AS text) AS ikey,
                  now() AS t)
INSERT INTO idempotency_keys (merchant_id, endpoint, idempotency_key, request_hash, response_status, response_body, created_on)
    SELECT :mer, 'POST /payments', ikey, sha256(ikey::bytea), 201, convert_to(repeat(md5(ikey), 48), 'UTF8'), t FROM g
ON CONFLICT (merchant_id, endpoint, idempotency_key) DO UPDATE SET response_body = EXCLUDED.response_body;
COMMIT;
