-- A late approval of an abandoned attempt, after another attempt settled the order, must not
-- leave the customer charged twice: it is marked superseded here and the order-release-superseded
-- job voids or refunds it.
ALTER TABLE order_attempts ADD COLUMN superseded_on timestamptz;
ALTER TABLE order_attempts ADD COLUMN released_on timestamptz;
CREATE INDEX order_attempts_to_release ON order_attempts (superseded_on) WHERE superseded_on IS NOT NULL AND released_on IS NULL;
