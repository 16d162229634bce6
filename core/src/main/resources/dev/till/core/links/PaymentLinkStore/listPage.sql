SELECT id, merchant_id, version, status, payment_id, amount, currency, reference, description, customer::text AS customer,
       back_to_shop_url, capture, metadata::text AS metadata, frame_ancestors::text AS frame_ancestors, attempts,
       attempt_started_on, release_due_on, released_on, created_on, expires_on, completed_on, canceled_on, expired_on
FROM payment_links
WHERE merchant_id = :merchantId
  AND (created_on, id) < (:afterCreatedOn, :afterId)
ORDER BY created_on DESC, id DESC
LIMIT :limit
