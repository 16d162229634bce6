-- Serialises the guarded debits of one merchant and currency (and the fold of that pair) until commit.
SELECT 1 FROM pg_advisory_xact_lock(:lockId)
