UPDATE orders
SET refunded_amount = refunded_amount + :amount,
    updated_on = :now
WHERE merchant_id = :merchantId
  AND id = :id
  AND refunded_amount + :amount <= amount
