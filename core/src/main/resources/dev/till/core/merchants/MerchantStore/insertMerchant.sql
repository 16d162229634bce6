INSERT INTO merchants (merchant_id, name, mode, created_on)
VALUES (:merchantId, :name, :mode, :createdOn)
