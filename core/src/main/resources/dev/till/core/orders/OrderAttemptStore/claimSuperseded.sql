-- Housekeeping across merchants: one superseded attempt not released yet and not waiting to be
-- retried, locked for this node.
SELECT merchant_id, payment_id
FROM order_attempts
WHERE superseded_on IS NOT NULL
  AND released_on IS NULL
  AND (release_retry_on IS NULL OR release_retry_on <= :now)
ORDER BY superseded_on
LIMIT 1
FOR UPDATE SKIP LOCKED
