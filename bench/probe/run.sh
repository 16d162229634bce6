#!/bin/bash
# Writes the rows of card-on-file authorizes into Till's tables, K payments per transaction, from
# CLIENTS pgbench connections for SECONDS, and prints payments a second and PostgreSQL's CPU per
# payment. There is no gateway in the loop: this is what PostgreSQL alone pays for the rows.
# Usage: PGHOST=... PGPORT=... PGUSER=postgres [MODE=savepoints|statements] run.sh DATA_DIR K CLIENTS [SECONDS]
# MODE=rows (the default) writes each table's rows for the K payments in one statement;
# MODE=savepoints writes each payment by its own one-payment statement, inside its own savepoint,
# K of them in one transaction: a group that shares the commit but not the statements.
# MODE=statements writes one payment per transaction in Till's own shape, eight statements and
# round trips, made from group-rows.sql by till-statements.py; K must be 1.
# The database needs Till's schema with one merchant, one card source and one webhook endpoint,
# and no gateway running on it (docs/hot-path.md, "Session 13", has the steps). It empties the
# payment, event, webhook, ledger and idempotency tables first.
set -euo pipefail
dir=$1 k=$2 clients=$3 seconds=${4:-15}
here=$(cd "$(dirname "$0")" && pwd)
one() { psql -X -At -c "$1"; }
mode=${MODE:-rows}
script="$here/group-rows.sql"
if [[ $mode == savepoints || $mode == statements ]]; then
  script=$(mktemp --suffix=.sql)
  trap 'rm -f "$script"' EXIT
fi
if [[ $mode == savepoints ]]; then
  one_payment=$(grep -v '^--' "$here/group-rows.sql" | sed 's/:k/1/g')
  { echo 'BEGIN;'; for _ in $(seq "$k"); do echo 'SAVEPOINT p;'; echo "$one_payment"; echo 'RELEASE SAVEPOINT p;'; done; echo 'COMMIT;'; } > "$script"
elif [[ $mode == statements ]]; then
  [[ $k == 1 ]] || { echo "run.sh: MODE=statements writes one payment per transaction; K must be 1" >&2; exit 2; }
  python3 "$here/till-statements.py" > "$script"
elif [[ $mode != rows ]]; then
  echo "run.sh: MODE is rows, savepoints or statements, not $mode" >&2; exit 2
fi
vars=(-D k="$k" -D mer="$(one 'SELECT merchant_id FROM card_sources LIMIT 1')"
      -D src="$(one 'SELECT id FROM card_sources LIMIT 1')" -D whe="$(one 'SELECT id FROM webhook_endpoints LIMIT 1')")
psql -X -q -c "TRUNCATE payments, payment_actions, events, webhook_deliveries, webhook_attempts, ledger_entries,
               ledger_lines, ledger_settlements, idempotency_keys CASCADE" -c CHECKPOINT
bench() { pgbench -n -M prepared -c "$clients" -j 2 -T "$1" "${vars[@]}" -f "$script"; }
bench 5 > /dev/null 2>&1  # warm-up
sleep 1  # a backend's CPU reaches its postmaster once reaped
before=$("$here/pg-cpu.sh" "$dir")
tps=$(bench "$seconds" 2>&1 | grep -oP 'tps = \K[0-9.]+' | head -1)
sleep 1
after=$("$here/pg-cpu.sh" "$dir")
python3 -c "
payments = $tps * $k
print(f'mode=$mode k=$k clients=$clients payments/s={payments:.0f} PostgreSQL CPU ms/payment={($after - $before) * 10 / (payments * $seconds):.3f}')"
