SELECT number_ciphertext
FROM card_sources
WHERE merchant_id = :merchantId
  AND id = :id
