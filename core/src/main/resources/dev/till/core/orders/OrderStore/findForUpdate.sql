SELECT id, merchant_id, status, currency, amount, refunded_amount, description, reference, metadata::text AS metadata, client_email, client_name, client_phone, capture, due_date, expire_on_due_date, max_payment_attempts, payment_attempts, success_redirect, in_progress_redirect, failure_redirect, held_on, created_on, updated_on
FROM orders
WHERE merchant_id = :merchantId
  AND id = :id
FOR UPDATE
