UPDATE payments
SET version = version + 1, status = 'Declined', approved = false, response_code = :responseCode,
    response_summary = :responseSummary, network_reference = :networkReference, awaiting = NULL, processed_on = :now
WHERE merchant_id = :merchantId
  AND id = :id
  AND version = :version
  AND status = 'Pending'
