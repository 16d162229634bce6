INSERT INTO order_attempts (payment_id, merchant_id, order_id, outcome, created_on)
VALUES (:paymentId, :merchantId, :orderId, :outcome, :now)
