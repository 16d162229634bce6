INSERT INTO payment_links (id, merchant_id, status, payment_id, amount, currency, reference, description, customer,
                           back_to_shop_url, capture, metadata, frame_ancestors, created_on, expires_on)
VALUES (:id, :merchantId, :status, :paymentId, :amount, :currency, :reference, :description, CAST(:customer AS jsonb),
        :backToShopUrl, :capture, coalesce(CAST(:metadata AS jsonb), '{}'), CAST(:frameAncestors AS jsonb), :createdOn,
        :expiresOn)
