-- An entry and all its lines in one statement: the lines arrive as parallel arrays, one element
-- per line. The lines' foreign key to the entry, and the balance check (a statement trigger,
-- V12), run at the end of the statement, when the entry and all its lines are there.
-- With a settlement id, the funds the entry put in pending are scheduled to settle, in the same
-- round trip.
WITH entry AS (
    INSERT INTO ledger_entries (id, merchant_id, type, source_id, action_id, description, created_on)
    VALUES (:id, :merchantId, :type, :sourceId, :actionId, :description, :now)
    RETURNING id, merchant_id
), settlement AS (
    INSERT INTO ledger_settlements (id, merchant_id, source_id, currency, amount, settle_on)
    SELECT CAST(:settlementId AS text), entry.merchant_id, :sourceId, :settlementCurrency, :settlementAmount, :settleOn
    FROM entry
    WHERE CAST(:settlementId AS text) IS NOT NULL
)
INSERT INTO ledger_lines (entry_id, line_no, merchant_id, account, currency, direction, amount)
SELECT entry.id, l.line_no, entry.merchant_id, l.account, l.currency, l.direction, l.amount
FROM entry,
     unnest(CAST(:accounts AS text[]), CAST(:currencies AS text[]), CAST(:directions AS text[]), CAST(:amounts AS bigint[]))
         WITH ORDINALITY AS l(account, currency, direction, amount, line_no)
