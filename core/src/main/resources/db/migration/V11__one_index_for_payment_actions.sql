-- A payment's actions were indexed twice: UNIQUE (payment_id, seq) and (merchant_id, payment_id,
-- seq). Every query on actions names the payment, so the unique index finds them, in order, and
-- the merchant filter checks the few rows it returns. One index entry fewer per action, two per
-- auto-captured payment.
DROP INDEX payment_actions_by_payment;
