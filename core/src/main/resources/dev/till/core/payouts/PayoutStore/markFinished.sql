-- Completed, failed or returned: the end of the rail. Only a processing payout can finish.
UPDATE payouts
SET status = :status, failure_code = :failureCode, next_step_on = NULL, updated_on = :now, version = version + 1
WHERE merchant_id = :merchantId
  AND id = :id
  AND status = 'processing'
  AND version = :expectedVersion
  AND :status IN ('completed', 'failed', 'returned')
