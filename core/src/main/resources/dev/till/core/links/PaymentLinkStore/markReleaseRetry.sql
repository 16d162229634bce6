-- A refused release: the link is claimed again once its wait is over. The wait doubles with each
-- refusal, from :firstSeconds up to :longestSeconds (ReleaseBackoff).
UPDATE payment_links
SET release_tries = release_tries + 1,
    release_due_on = CAST(:now AS timestamptz) + make_interval(secs => least(:firstSeconds * power(2, least(release_tries, 30)), :longestSeconds)),
    version = version + 1
WHERE merchant_id = :merchantId
  AND id = :id
  AND version = :version
  AND released_on IS NULL
RETURNING release_due_on
