INSERT INTO ledger_accounts (merchant_id, account, currency, balance)
VALUES (:merchantId, :account, :currency, 0)
ON CONFLICT (merchant_id, account, currency) DO NOTHING
