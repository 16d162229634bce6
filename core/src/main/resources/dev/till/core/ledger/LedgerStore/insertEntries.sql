-- Entries and all their lines in one statement: one entry, or a group of concurrent requests'
-- captures (see PaymentGroups). The entries arrive as parallel arrays, one element per entry;
-- the lines as parallel arrays, one element per line, each naming its entry and numbered from 1
-- within it. The check that each line's entry exists (V17) and the balance check (V12), both
-- statement triggers, run at the end of the statement, when the entries and all their lines are there.
-- Settlements (funds an entry put in pending, to move to available on their date) arrive as
-- parallel arrays too, each naming its entry, and are scheduled in the same round trip.
WITH entry AS (
    INSERT INTO ledger_entries (id, merchant_id, type, source_id, action_id, description, created_on)
    SELECT e.id, e.merchant_id, e.type, e.source_id, e.action_id, e.description, :now
    FROM unnest(CAST(:ids AS text[]), CAST(:merchantIds AS text[]), CAST(:types AS text[]), CAST(:sourceIds AS text[]),
                CAST(:actionIds AS text[]), CAST(:descriptions AS text[]))
             AS e(id, merchant_id, type, source_id, action_id, description)
    RETURNING id, merchant_id, source_id
), settlement AS (
    INSERT INTO ledger_settlements (id, merchant_id, source_id, currency, amount, settle_on)
    SELECT s.id, entry.merchant_id, entry.source_id, s.currency, s.amount, s.settle_on
    FROM unnest(CAST(:s.ids AS text[]), CAST(:s.entryIds AS text[]), CAST(:s.currencies AS text[]),
                CAST(:s.amounts AS bigint[]), CAST(CAST(:s.settleOn AS text[]) AS timestamptz[]))
             AS s(id, entry_id, currency, amount, settle_on)
    JOIN entry ON entry.id = s.entry_id
)
INSERT INTO ledger_lines (entry_id, line_no, merchant_id, account, currency, direction, amount)
SELECT entry.id, l.line_no, entry.merchant_id, l.account, l.currency, l.direction, l.amount
FROM unnest(CAST(:l.entryIds AS text[]), CAST(:l.lineNos AS int[]), CAST(:l.accounts AS text[]),
            CAST(:l.currencies AS text[]), CAST(:l.directions AS text[]), CAST(:l.amounts AS bigint[]))
         AS l(entry_id, line_no, account, currency, direction, amount)
JOIN entry ON entry.id = l.entry_id
