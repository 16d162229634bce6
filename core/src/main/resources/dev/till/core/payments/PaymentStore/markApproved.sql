UPDATE payments
SET version = version + 1, status = :status, authorized = :authorized, approved = true, auth_code = :authCode,
    response_code = '10000', response_summary = 'Approved', avs_check = :avsCheck, cvv_check = :cvvCheck,
    risk_flagged = :riskFlagged, funds_availability = :fundsAvailability, network_reference = :networkReference,
    awaiting = NULL, processed_on = :now, expires_on = :expiresOn
WHERE merchant_id = :merchantId
  AND id = :id
  AND version = :version
  AND status = 'Pending'
