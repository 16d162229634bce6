SELECT number_ciphertext AS number, cvv_ciphertext AS cvv
FROM card_tokens
WHERE merchant_id = :merchantId
  AND id = :id
  AND number_ciphertext IS NOT NULL
