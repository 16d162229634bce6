INSERT INTO order_settings (merchant_id, success_redirect, in_progress_redirect, failure_redirect, expire_on_due_date, updated_on)
VALUES (:merchantId, :successRedirect, :inProgressRedirect, :failureRedirect, :expireOnDueDate, :now)
ON CONFLICT (merchant_id) DO UPDATE
SET success_redirect = excluded.success_redirect,
    in_progress_redirect = excluded.in_progress_redirect,
    failure_redirect = excluded.failure_redirect,
    expire_on_due_date = excluded.expire_on_due_date,
    updated_on = excluded.updated_on
WHERE order_settings.merchant_id = :merchantId
