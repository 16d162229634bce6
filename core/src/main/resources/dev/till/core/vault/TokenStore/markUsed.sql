UPDATE card_tokens
SET used_on = :now, number_ciphertext = NULL, cvv_ciphertext = NULL
WHERE merchant_id = :merchantId
  AND id = :id
  AND used_on IS NULL
