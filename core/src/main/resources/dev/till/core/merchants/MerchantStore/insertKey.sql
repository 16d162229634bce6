INSERT INTO api_keys (key_hash, merchant_id, kind, hint, created_on)
VALUES (:keyHash, :merchantId, :kind, :hint, :createdOn)
