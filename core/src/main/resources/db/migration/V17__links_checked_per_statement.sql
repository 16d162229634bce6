-- Four foreign keys on the rows every payment writes are checked once per statement instead of once
-- per row (docs/hot-path.md, session 18). A per-row check is a query of its own, with its executor
-- started and ended and its parent row locked: with a group of payments written by one statement
-- (PaymentGroups) it was the largest cost PostgreSQL paid per row: taking these four off saved
-- about 15% of its CPU per authorize in same-hour benchmark runs, and checking them as below saves
-- about 8%. Each check below is one query over the rows the statement wrote, at the end of that
-- statement, as a foreign key's check runs; it refuses with the same error code
-- (foreign_key_violation).
--
-- A foreign key also locks the parent until commit, so that it cannot be deleted meanwhile. These
-- parents are never deleted and their ids never change: the last triggers make that a rule of the
-- database (money records and their events are append-only), so a check stays true once made.
-- The keys that cascade deletes (a webhook endpoint's deliveries, a delivery's attempts) stay
-- foreign keys.

-- A payment's actions.
ALTER TABLE payment_actions DROP CONSTRAINT payment_actions_payment_id_fkey;
CREATE FUNCTION payment_actions_need_their_payment() RETURNS trigger AS $$
DECLARE
    orphan text;
BEGIN
    SELECT a.payment_id INTO orphan
    FROM new_actions a
    WHERE NOT EXISTS (SELECT 1 FROM payments p WHERE p.id = a.payment_id)
    LIMIT 1;
    IF orphan IS NOT NULL THEN
        RAISE EXCEPTION 'payment_actions: no payment %', orphan USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER payment_actions_payment_exists AFTER INSERT ON payment_actions
    REFERENCING NEW TABLE AS new_actions FOR EACH STATEMENT EXECUTE FUNCTION payment_actions_need_their_payment();

-- A ledger entry's lines (their balance is checked by the statement trigger of V12).
ALTER TABLE ledger_lines DROP CONSTRAINT ledger_lines_entry_id_fkey;
CREATE FUNCTION ledger_lines_need_their_entry() RETURNS trigger AS $$
DECLARE
    orphan text;
BEGIN
    SELECT l.entry_id INTO orphan
    FROM new_lines l
    WHERE NOT EXISTS (SELECT 1 FROM ledger_entries e WHERE e.id = l.entry_id)
    LIMIT 1;
    IF orphan IS NOT NULL THEN
        RAISE EXCEPTION 'ledger_lines: no entry %', orphan USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER ledger_lines_entry_exists AFTER INSERT ON ledger_lines
    REFERENCING NEW TABLE AS new_lines FOR EACH STATEMENT EXECUTE FUNCTION ledger_lines_need_their_entry();

-- An event's webhook deliveries.
ALTER TABLE webhook_deliveries DROP CONSTRAINT webhook_deliveries_event_id_fkey;
CREATE FUNCTION webhook_deliveries_need_their_event() RETURNS trigger AS $$
DECLARE
    orphan text;
BEGIN
    SELECT d.event_id INTO orphan
    FROM new_deliveries d
    WHERE NOT EXISTS (SELECT 1 FROM events e WHERE e.id = d.event_id)
    LIMIT 1;
    IF orphan IS NOT NULL THEN
        RAISE EXCEPTION 'webhook_deliveries: no event %', orphan USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER webhook_deliveries_event_exists AFTER INSERT ON webhook_deliveries
    REFERENCING NEW TABLE AS new_deliveries FOR EACH STATEMENT EXECUTE FUNCTION webhook_deliveries_need_their_event();

-- A payment's stored card.
ALTER TABLE payments DROP CONSTRAINT payments_source_id_fkey;
CREATE FUNCTION payments_need_their_card() RETURNS trigger AS $$
DECLARE
    orphan text;
BEGIN
    SELECT p.source_id INTO orphan
    FROM new_payments p
    WHERE p.source_id IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM card_sources s WHERE s.id = p.source_id)
    LIMIT 1;
    IF orphan IS NOT NULL THEN
        RAISE EXCEPTION 'payments: no stored card %', orphan USING ERRCODE = 'foreign_key_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER payments_card_exists AFTER INSERT ON payments
    REFERENCING NEW TABLE AS new_payments FOR EACH STATEMENT EXECUTE FUNCTION payments_need_their_card();

-- The columns checked above never change after the insert.
CREATE FUNCTION refuse_relinking() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '%: % is written once and never changed', TG_TABLE_NAME, TG_ARGV[0] USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER payment_actions_keep_their_payment BEFORE UPDATE OF payment_id ON payment_actions
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_relinking('payment_id');
CREATE TRIGGER ledger_lines_keep_their_entry BEFORE UPDATE OF entry_id ON ledger_lines
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_relinking('entry_id');
CREATE TRIGGER webhook_deliveries_keep_their_event BEFORE UPDATE OF event_id ON webhook_deliveries
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_relinking('event_id');
CREATE TRIGGER payments_keep_their_card BEFORE UPDATE OF source_id ON payments
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_relinking('source_id');

-- The parents are append-only: never deleted, their ids never changed.
CREATE FUNCTION refuse_deleting_money_records() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION '% is append-only: its rows are never deleted or renamed', TG_TABLE_NAME USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER payments_append_only BEFORE DELETE OR TRUNCATE OR UPDATE OF id ON payments
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_deleting_money_records();
CREATE TRIGGER ledger_entries_append_only BEFORE DELETE OR TRUNCATE OR UPDATE OF id ON ledger_entries
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_deleting_money_records();
CREATE TRIGGER events_append_only BEFORE DELETE OR TRUNCATE OR UPDATE OF id ON events
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_deleting_money_records();
CREATE TRIGGER card_sources_append_only BEFORE DELETE OR TRUNCATE OR UPDATE OF id ON card_sources
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_deleting_money_records();
