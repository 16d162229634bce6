-- The payments-expire-challenges job (Payments.expireChallengesOnce, claimExpiredChallenges.sql)
-- claims payments whose 3-D Secure challenge has waited longer than Payments.CHALLENGE_TIMEOUT,
-- oldest first. Partial, like payments_to_reconcile: only payments waiting for a cardholder are in
-- it, and a payment leaves it when its challenge ends. It makes no update less HOT than before:
-- awaiting is already in payments_to_reconcile's predicate, and requested_on (its key there too)
-- never changes.
CREATE INDEX payments_to_expire_challenges ON payments (requested_on) WHERE awaiting = 'challenge';
