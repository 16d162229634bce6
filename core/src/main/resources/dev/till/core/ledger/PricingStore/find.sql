SELECT capture_fee_bps, capture_fee_fixed, payout_fee_bps, payout_fee_fixed
FROM merchant_pricing
WHERE merchant_id = :merchantId
