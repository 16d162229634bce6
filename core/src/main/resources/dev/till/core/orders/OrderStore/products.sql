SELECT position, title, unit_price, quantity
FROM order_products
WHERE merchant_id = :merchantId
  AND order_id = :orderId
ORDER BY position
