UPDATE payouts
SET status = 'processing', next_step_on = :nextStepOn, updated_on = :now, version = version + 1
WHERE merchant_id = :merchantId
  AND id = :id
  AND status = 'created'
  AND version = :expectedVersion
