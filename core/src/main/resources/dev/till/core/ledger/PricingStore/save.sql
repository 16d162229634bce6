INSERT INTO merchant_pricing (merchant_id, capture_fee_bps, capture_fee_fixed, payout_fee_bps, payout_fee_fixed)
VALUES (:merchantId, :captureFeeBps, :captureFeeFixed, :payoutFeeBps, :payoutFeeFixed)
ON CONFLICT (merchant_id) DO UPDATE
SET capture_fee_bps = excluded.capture_fee_bps,
    capture_fee_fixed = excluded.capture_fee_fixed,
    payout_fee_bps = excluded.payout_fee_bps,
    payout_fee_fixed = excluded.payout_fee_fixed
