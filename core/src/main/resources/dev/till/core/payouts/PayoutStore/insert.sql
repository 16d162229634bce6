-- The unique (merchant_id, external_ref) makes a second payout with the same reference impossible;
-- ON CONFLICT turns the race into "nothing inserted", and the caller reads the existing one.
INSERT INTO payouts (id, merchant_id, external_ref, quote_id, status, source_currency, source_amount, fee,
                     target_currency, target_amount, rate, beneficiary, reference, next_step_on, created_on, updated_on)
VALUES (:id, :merchantId, :externalRef, :quoteId, 'created', :sourceCurrency, :sourceAmount, :fee,
        :targetCurrency, :targetAmount, :rate, CAST(:beneficiary AS jsonb), :reference, :now, :now, :now)
ON CONFLICT (merchant_id, external_ref) DO NOTHING
