SELECT count(*)
FROM payments
WHERE merchant_id = :merchantId
  AND (CAST(:reference AS text) IS NULL OR reference = :reference)
