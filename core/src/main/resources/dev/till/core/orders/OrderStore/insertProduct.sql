INSERT INTO order_products (merchant_id, order_id, position, title, unit_price, quantity)
VALUES (:merchantId, :orderId, :position, :title, :unitPrice, :quantity)
