UPDATE fx_quotes
SET used_by = :payoutId
WHERE merchant_id = :merchantId
  AND id = :id
  AND used_by IS NULL
  AND expires_on > :now
