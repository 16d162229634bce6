-- The rows one card-on-file authorize with auto-capture writes on the request path (a payment, its
-- two actions, two events, their two webhook deliveries for one endpoint, a ledger entry with three
-- lines, a settlement and an idempotency record: 13 rows in 9 tables), for :k payments at once,
-- with each table's rows for the whole group in one statement and one transaction: what group
-- commit would write at its best. Widths and values copy a real authorize's rows. Run by run.sh
-- under pgbench (-M prepared, so :k, :mer, :src and :whe are bound parameters); see
-- docs/hot-path.md, "Session 13" and "Session 14". till-statements.py cuts its CTEs apart by name
-- into Till's eight statements (MODE=statements). Not part of the gateway, the benchmark or the
-- tests.
WITH g AS (
    SELECT i,
           'pay_' || substr(md5(random()::text), 1, 26) AS pay,
           'act_' || substr(md5(random()::text), 1, 26) AS a1,
           'act_' || substr(md5(random()::text), 1, 26) AS a2,
           'evt_' || substr(md5(random()::text), 1, 26) AS e1,
           'evt_' || substr(md5(random()::text), 1, 26) AS e2,
           'btx_' || substr(md5(random()::text), 1, 26) AS btx,
           'stl_' || substr(md5(random()::text), 1, 26) AS stl,
           md5(random()::text) AS ikey,
           now() AS t
    FROM generate_series(1, :k) AS i
), p AS (
    INSERT INTO payments (id, merchant_id, version, status, amount, currency, authorized, captured, refunded, released,
                          action_id, source_id, reference, payment_type, capture_requested, three_ds_requested, metadata,
                          approved, auth_code, response_code, response_summary, avs_check, cvv_check, risk_flagged,
                          funds_availability, network_reference, requested_on, processed_on, expires_on)
    SELECT pay, :mer, 2, 'Captured', 1000, 'USD', 1000, 1000, 0, 0, a1, :src, 'bench', 'Regular', true, false, '{}',
           true, '925562', '10000', 'Approved', 'S', 'Y', false, 'standard', 'sim_' || substr(pay, 5), t, t, t + interval '7 days'
    FROM g RETURNING id
), a AS (
    INSERT INTO payment_actions (id, merchant_id, payment_id, type, amount, approved, auth_code, response_code,
                                 response_summary, reference, metadata, processed_on, seq)
    SELECT x.id, :mer, pay, x.type, 1000, true, x.code, '10000', 'Approved', 'bench', '{}', t, x.seq
    FROM g, LATERAL (VALUES (a1, 'Authorization', '925562', 1), (a2, 'Capture', NULL, 2)) AS x(id, type, code, seq)
    RETURNING id
), e AS (
    INSERT INTO events (id, merchant_id, type, object_id, object_seq, created_on, data)
    SELECT x.id, :mer, x.type, pay, x.seq, t, CAST(format('{"id":"%s","action":{"id":"%s","type":"%s","amount":1000,'
        '"approved":true,"response_code":"10000"},"amount":1000,"source":{"id":"src_smif2rlefukumpe5kr6t2zczqw",'
        '"bin":"424242","type":"card","last4":"4242","scheme":"Visa","expiry_year":2030,"expiry_month":12},'
        '"status":"%s","approved":true,"balances":{"total_voided":0,"total_captured":1000,"total_refunded":0,'
        '"total_authorized":1000,"available_to_void":0,"available_to_refund":1000,"available_to_capture":0},'
        '"currency":"USD","metadata":{},"reference":"bench","response_code":"10000","response_summary":"Approved",'
        '"funds_availability":"standard"}', pay, x.act, x.atype, x.status) AS json)
    FROM g, LATERAL (VALUES (e1, 'payment_approved', 1, a1, 'Authorization', 'Authorized'), (e2, 'payment_captured', 2, a2, 'Capture', 'Captured')) AS x(id, type, seq, act, atype, status)
    RETURNING id, type
), d AS (
    INSERT INTO webhook_deliveries (merchant_id, event_id, endpoint_id, event_type, status, schedule_start,
                                    next_attempt_at, claimed_until, claim_token, created_on, updated_on)
    SELECT :mer, e.id, :whe, e.type, 'pending', now(), now(), now() + interval '30 seconds', 'node_probe', now(), now()
    FROM e RETURNING event_id
), le AS (
    INSERT INTO ledger_entries (id, merchant_id, type, source_id, action_id, description, created_on)
    SELECT btx, :mer, 'capture', pay, a2, 'Capture of 10.00 USD, fee 0.59 USD', t FROM g RETURNING id
), ll AS (
    INSERT INTO ledger_lines (entry_id, line_no, merchant_id, account, currency, direction, amount)
    SELECT btx, x.n, :mer, x.account, 'USD', x.dir, x.amount
    FROM g, LATERAL (VALUES (1, 'card_network_clearing', 'debit', 1000), (2, 'merchant_pending', 'credit', 941), (3, 'fees', 'credit', 59)) AS x(n, account, dir, amount)
    RETURNING entry_id
), ls AS (
    INSERT INTO ledger_settlements (id, merchant_id, source_id, currency, amount, settle_on)
    SELECT stl, :mer, pay, 'USD', 941, t + interval '2 days' FROM g RETURNING id
), ik AS (
    INSERT INTO idempotency_keys (merchant_id, endpoint, idempotency_key, request_hash, response_status, response_body, created_on)
    SELECT :mer, 'POST /payments', ikey, sha256(ikey::bytea), 201, convert_to(repeat(md5(ikey), 48), 'UTF8'), t FROM g RETURNING 1
)
SELECT (SELECT count(*) FROM p) + (SELECT count(*) FROM a) + (SELECT count(*) FROM d) + (SELECT count(*) FROM le)
     + (SELECT count(*) FROM ll) + (SELECT count(*) FROM ls) + (SELECT count(*) FROM ik);
