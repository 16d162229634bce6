-- Payout batches of one merchant run one after another: they then never deadlock on each other's
-- external references and balance rows, and a reference sent twice at once is seen as existing.
SELECT 1 FROM pg_advisory_xact_lock(:lockId)
