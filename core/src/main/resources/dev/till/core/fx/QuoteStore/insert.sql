INSERT INTO fx_quotes (id, merchant_id, source_currency, source_amount, target_currency, target_amount, country, rate, fee,
                       created_on, expires_on)
VALUES (:id, :merchantId, :sourceCurrency, :sourceAmount, :targetCurrency, :targetAmount, :country, :rate, :fee,
        :now, :expiresOn)
