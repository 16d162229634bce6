-- Takes the transaction-scoped advisory lock of each key, in one round trip: one row per lock, in
-- the order given, true where this transaction now holds it, false where another one does.
-- Re-entrant: a lock this transaction holds already is granted again (the caller refuses a key that
-- appears twice in one transaction before it gets here).
SELECT pg_try_advisory_xact_lock(l.id) AS locked
FROM unnest(CAST(:lockIds AS bigint[])) WITH ORDINALITY AS l(id, n)
ORDER BY l.n
