-- For the rest of this transaction, a wait for a lock that lasts longer than :timeout fails
-- (lock_not_available) instead of going on: the fold job waits its turn, but not for ever.
SELECT set_config('lock_timeout', :timeout, true)
