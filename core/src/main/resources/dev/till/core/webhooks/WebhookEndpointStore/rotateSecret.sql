UPDATE webhook_endpoints
SET secret = :secret,
    previous_secret = :previousSecret,
    previous_secret_expires_on = :previousExpiresOn,
    updated_on = :now
WHERE merchant_id = :merchantId
  AND id = :id
