SELECT EXISTS (
    SELECT 1
    FROM order_attempts
    WHERE merchant_id = :merchantId
      AND order_id = :orderId
      AND outcome = 'pending'
)
