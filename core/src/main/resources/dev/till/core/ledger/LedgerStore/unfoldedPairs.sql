-- Housekeeping across merchants: which (merchant, currency) pairs have lines to fold.
SELECT DISTINCT merchant_id, currency
FROM ledger_lines
WHERE NOT folded
LIMIT :limit
