SELECT id, merchant_id, status, currency, amount, refunded_amount, description, reference, metadata::text AS metadata, client_email, client_name, client_phone, capture, due_date, expire_on_due_date, max_payment_attempts, payment_attempts, success_redirect, in_progress_redirect, failure_redirect, held_on, created_on, updated_on
FROM orders
WHERE merchant_id = :merchantId
  AND (CAST(:status AS text) IS NULL OR status = :status)
  AND (CAST(:reference AS text) IS NULL OR reference = :reference)
  AND (CAST(:clientEmail AS text) IS NULL OR lower(client_email) = lower(:clientEmail))
  AND (CAST(:createdFrom AS timestamptz) IS NULL OR created_on >= :createdFrom)
  AND (CAST(:createdTo AS timestamptz) IS NULL OR created_on < :createdTo)
  AND (created_on, id) < (:afterCreatedOn, :afterId)
ORDER BY created_on DESC, id DESC
LIMIT :limit
