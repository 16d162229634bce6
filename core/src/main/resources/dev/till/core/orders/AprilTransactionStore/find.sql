SELECT id, payment_id, order_id, created_on
FROM april_transactions
WHERE merchant_id = :merchantId
  AND id = :id
