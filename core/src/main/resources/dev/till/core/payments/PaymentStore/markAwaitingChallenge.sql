UPDATE payments
SET version = version + 1, awaiting = 'challenge', challenge_id = :challengeId
WHERE merchant_id = :merchantId
  AND id = :id
  AND version = :version
  AND status = 'Pending'
