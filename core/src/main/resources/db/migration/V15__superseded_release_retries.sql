-- The order-release-superseded job claims the oldest superseded attempt first. When the ledger
-- could not cover its refund yet, that attempt was claimed again at once, every round, and held
-- back every later one; when the network declined its void or refund, it was marked released
-- with the money still taken. Either release now waits until release_retry_on, and the others go
-- ahead meanwhile.
ALTER TABLE order_attempts ADD COLUMN release_retry_on timestamptz;
