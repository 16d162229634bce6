INSERT INTO ledger_settlements (id, merchant_id, source_id, currency, amount, settle_on)
VALUES (:id, :merchantId, :sourceId, :currency, :amount, :settleOn)
