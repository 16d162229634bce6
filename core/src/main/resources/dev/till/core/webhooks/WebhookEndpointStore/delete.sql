DELETE FROM webhook_endpoints
WHERE merchant_id = :merchantId
  AND id = :id
