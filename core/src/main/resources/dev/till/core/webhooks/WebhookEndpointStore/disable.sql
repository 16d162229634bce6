UPDATE webhook_endpoints
SET active = false,
    disabled_reason = :reason,
    updated_on = :now
WHERE merchant_id = :merchantId
  AND id = :id
  AND active
