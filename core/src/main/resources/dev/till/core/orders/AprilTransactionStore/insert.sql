INSERT INTO april_transactions (id, merchant_id, payment_id, order_id, created_on)
VALUES (:id, :merchantId, :paymentId, :orderId, :now)
