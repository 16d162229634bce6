SELECT success_redirect, in_progress_redirect, failure_redirect, expire_on_due_date
FROM order_settings
WHERE merchant_id = :merchantId
