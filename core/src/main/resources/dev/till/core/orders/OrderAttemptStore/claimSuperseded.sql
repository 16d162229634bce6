-- Housekeeping across merchants: one superseded attempt not released yet, locked for this node.
SELECT merchant_id, payment_id
FROM order_attempts
WHERE superseded_on IS NOT NULL
  AND released_on IS NULL
ORDER BY superseded_on
LIMIT 1
FOR UPDATE SKIP LOCKED
