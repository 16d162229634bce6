DELETE FROM idempotency_keys WHERE created_on < :cutoff
