#!/usr/bin/env python3
"""Prints group-rows.sql's rows for one payment as Till writes them, for pgbench (run.sh, MODE=statements).

One transaction of eight statements, each a round trip: the advisory lock, the idempotency lookup,
the stored card, the payment with its actions, the events with their deliveries, the merchant's
pricing, the ledger entry with its lines and settlement, the idempotency record. The inserts are
group-rows.sql's own common table expressions, cut apart, so both modes write the same rows. The
first statement takes the lock, as the gateway's does, and also makes the ids, which the gateway
makes itself. See docs/hot-path.md, "Session 15". Not part of the gateway, the benchmark or the tests.
"""
import pathlib
import re
import sys

rows = (pathlib.Path(__file__).parent / "group-rows.sql").read_text()
body = rows[rows.index("WITH g AS"):]


def cte(name, returning=True):
    """The body of one of group-rows.sql's CTEs; without its RETURNING when it ends a statement."""
    text = re.search(r"\n\), " + name + r" AS \(\n(.*?)\n\)(?=, |\nSELECT)", body, re.S).group(1).strip()
    return text if returning else re.sub(r"\s*RETURNING [^\n]*$", "", text)


# group-rows.sql makes its ids in its g CTE; here the first statement makes them, and each insert
# reads them back from pgbench's variables.
IDS = ["pay", "a1", "a2", "e1", "e2", "btx", "stl", "ikey"]
g = "WITH g AS (SELECT " + ", ".join(f"CAST(:{i} AS text) AS {i}" for i in IDS) + ", now() AS t)"
prefixes = {"pay": "pay", "a1": "act", "a2": "act", "e1": "evt", "e2": "evt", "btx": "btx", "stl": "stl"}
made = ",\n             ".join([f"'{prefixes[i]}_' || substr(md5(random()::text), 1, 26) AS {i}" for i in IDS[:-1]]
                              + ["md5(random()::text) AS ikey"])

statements = [
    "BEGIN;",
    "SELECT *, pg_try_advisory_xact_lock(hashtextextended(ikey, 0)) AS locked\n"
    f"FROM (SELECT {made}) AS ids\n\\gset",
    "SELECT request_hash, response_status, response_body FROM idempotency_keys\n"
    "WHERE merchant_id = :mer AND endpoint = 'POST /payments' AND idempotency_key = :ikey"
    " AND created_on >= now() - interval '7 days';",
    "SELECT id, merchant_id, customer_id, bin, last4, expiry_month, expiry_year, scheme, name,"
    " billing_address::text AS billing_address,\n"
    "       phone::text AS phone, fingerprint, card_type, card_category, issuer, issuer_country, product_id, product_type,\n"
    "       created_on, number_ciphertext\n"
    "FROM card_sources WHERE merchant_id = :mer AND id = :src;",
    f"{g}, p AS (\n    {cte('p')}\n)\n{cte('a', False)};",
    f"{g}, e AS (\n    {cte('e')}\n)\n{cte('d', False)};",
    "SELECT capture_fee_bps, capture_fee_fixed, payout_fee_bps, payout_fee_fixed FROM merchant_pricing"
    " WHERE merchant_id = :mer;",
    f"{g}, le AS (\n    {cte('le')}\n), ls AS (\n    {cte('ls')}\n)\n{cte('ll', False)};",
    # As IdempotencyStore/save.sql: an upsert.
    f"{g}\n" + cte("ik", False).replace(
        "FROM g", "FROM g\nON CONFLICT (merchant_id, endpoint, idempotency_key) DO UPDATE SET response_body = EXCLUDED.response_body")
    + ";",
    "COMMIT;",
]
sys.stdout.write("\n".join(statements) + "\n")
