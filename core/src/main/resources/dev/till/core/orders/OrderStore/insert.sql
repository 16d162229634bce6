INSERT INTO orders (id, merchant_id, status, currency, amount, description, reference, metadata, client_email,
                    client_name, client_phone, capture, due_date, expire_on_due_date, max_payment_attempts,
                    success_redirect, in_progress_redirect, failure_redirect, created_on, updated_on)
VALUES (:id, :merchantId, :status, :currency, :amount, :description, :reference, coalesce(CAST(:metadata AS jsonb), '{}'),
        :clientEmail, :clientName, :clientPhone, :capture, :dueDate, :expireOnDueDate, :maxPaymentAttempts,
        :successRedirect, :inProgressRedirect, :failureRedirect, :createdOn, :updatedOn)
