-- The balance check ran again for every line the ledger-fold job marks folded, though folding
-- moves no money: one deferred trigger call per folded line, thousands per fold under load.
-- It now runs when a line is inserted or its money columns change, which is every way an entry
-- can stop balancing.
DROP TRIGGER ledger_lines_balance ON ledger_lines;

CREATE CONSTRAINT TRIGGER ledger_lines_balance
    AFTER INSERT OR UPDATE OF entry_id, currency, direction, amount ON ledger_lines
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_must_balance();
