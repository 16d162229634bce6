UPDATE orders
SET status = 'hold',
    held_on = :now,
    updated_on = :now
WHERE merchant_id = :merchantId
  AND id = :id
  AND status = 'in_progress'
