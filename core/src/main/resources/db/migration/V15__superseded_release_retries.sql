-- The order-release-superseded job claims the oldest superseded attempt first. When its release
-- was refused (the network declined the void or refund, or the ledger could not cover the refund
-- yet), the attempt used to be claimed again at once, every round, and held back every later one.
-- A refused release now waits until release_retry_on; the others go ahead meanwhile.
ALTER TABLE order_attempts ADD COLUMN release_retry_on timestamptz;
