SELECT id, merchant_id, payment_id, type, amount, approved, auth_code, response_code, response_summary, reference,
       metadata::text AS metadata, processed_on, seq
FROM payment_actions
WHERE merchant_id = :merchantId
  AND payment_id = :paymentId
ORDER BY seq DESC
