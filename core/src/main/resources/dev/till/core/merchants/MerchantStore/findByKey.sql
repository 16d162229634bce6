SELECT m.merchant_id, m.name, m.mode, m.default_currency, m.created_on
FROM api_keys k
JOIN merchants m ON m.merchant_id = k.merchant_id
WHERE k.key_hash = :keyHash
  AND k.kind = :kind
  AND k.revoked_on IS NULL
