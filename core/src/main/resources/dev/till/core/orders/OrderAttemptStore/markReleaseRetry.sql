-- A refused release: the attempt is claimed again once its wait is over. The wait doubles with
-- each refusal, from :firstSeconds up to :longestSeconds (ReleaseBackoff).
UPDATE order_attempts
SET release_tries = release_tries + 1,
    release_retry_on = CAST(:now AS timestamptz) + make_interval(secs => least(:firstSeconds * power(2, least(release_tries, 30)), :longestSeconds))
WHERE merchant_id = :merchantId
  AND payment_id = :paymentId
  AND released_on IS NULL
RETURNING release_retry_on
