-- Ledger, balances, pricing, FX quotes and payouts.
-- Money is bigint minor units; rates are numeric. Every table carries merchant_id.

-- One journal entry per money movement, linked to the object that caused it.
CREATE TABLE ledger_entries (
    id          text PRIMARY KEY,
    merchant_id text NOT NULL REFERENCES merchants (merchant_id),
    type        text NOT NULL,
    source_id   text NOT NULL,   -- pay_, po_, … : the object the merchant knows
    action_id   text,            -- act_ for a capture or refund of a payment
    description text,
    created_on  timestamptz NOT NULL
);
CREATE INDEX ledger_entries_by_merchant ON ledger_entries (merchant_id, created_on DESC, id DESC);
CREATE INDEX ledger_entries_by_source ON ledger_entries (merchant_id, source_id);
-- A payment action posts once, even if its event were ever recorded twice.
CREATE UNIQUE INDEX ledger_entries_once_per_action ON ledger_entries (merchant_id, type, action_id) WHERE action_id IS NOT NULL;

CREATE TABLE ledger_lines (
    entry_id    text NOT NULL REFERENCES ledger_entries (id),
    line_no     int NOT NULL,
    merchant_id text NOT NULL REFERENCES merchants (merchant_id),
    account     text NOT NULL,
    currency    text NOT NULL,
    direction   text NOT NULL CHECK (direction IN ('debit', 'credit')),
    amount      bigint NOT NULL CHECK (amount > 0),
    PRIMARY KEY (entry_id, line_no)
);
CREATE INDEX ledger_lines_by_account ON ledger_lines (merchant_id, account, currency);

-- The database refuses, at commit, any entry whose debits and credits differ in some currency,
-- whatever code wrote it. Deferred: the lines of one entry are inserted one by one.
CREATE FUNCTION ledger_entry_must_balance() RETURNS trigger AS $$
BEGIN
    IF EXISTS (
        SELECT 1 FROM ledger_lines
        WHERE entry_id = NEW.entry_id
        GROUP BY currency
        HAVING sum(CASE direction WHEN 'debit' THEN amount ELSE -amount END) <> 0
    ) THEN
        RAISE EXCEPTION 'ledger entry % does not balance', NEW.entry_id USING ERRCODE = 'check_violation';
    END IF;
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE CONSTRAINT TRIGGER ledger_lines_balance
    AFTER INSERT OR UPDATE ON ledger_lines
    DEFERRABLE INITIALLY DEFERRED
    FOR EACH ROW EXECUTE FUNCTION ledger_entry_must_balance();

-- Running balances, credit-normal: balance = credits - debits. The merchant's own balances can
-- never go below zero; the guarded update refuses first, this CHECK is the last line.
CREATE TABLE ledger_accounts (
    merchant_id text NOT NULL REFERENCES merchants (merchant_id),
    account     text NOT NULL,
    currency    text NOT NULL,
    balance     bigint NOT NULL DEFAULT 0,
    PRIMARY KEY (merchant_id, account, currency),
    CHECK (account NOT IN ('merchant_pending', 'merchant_available', 'merchant_reserved') OR balance >= 0)
);

-- Captured funds waiting to move from pending to available.
CREATE TABLE ledger_settlements (
    id          text PRIMARY KEY,
    merchant_id text NOT NULL REFERENCES merchants (merchant_id),
    source_id   text NOT NULL,
    currency    text NOT NULL,
    amount      bigint NOT NULL CHECK (amount >= 0),
    settle_on   timestamptz NOT NULL,
    settled_on  timestamptz
);
CREATE INDEX ledger_settlements_due ON ledger_settlements (settle_on) WHERE settled_on IS NULL;
CREATE INDEX ledger_settlements_by_source ON ledger_settlements (merchant_id, source_id) WHERE settled_on IS NULL;

-- A merchant's pricing; no row means the defaults in dev.till.domain.ledger.Pricing.
CREATE TABLE merchant_pricing (
    merchant_id        text PRIMARY KEY REFERENCES merchants (merchant_id),
    capture_fee_bps    int NOT NULL CHECK (capture_fee_bps BETWEEN 0 AND 10000),
    capture_fee_fixed  bigint NOT NULL CHECK (capture_fee_fixed >= 0),
    payout_fee_bps     int NOT NULL CHECK (payout_fee_bps BETWEEN 0 AND 10000),
    payout_fee_fixed   bigint NOT NULL CHECK (payout_fee_fixed >= 0)
);

CREATE TABLE fx_quotes (
    id              text PRIMARY KEY,
    merchant_id     text NOT NULL REFERENCES merchants (merchant_id),
    source_currency text NOT NULL,
    source_amount   bigint NOT NULL CHECK (source_amount > 0),
    target_currency text NOT NULL,
    target_amount   bigint NOT NULL CHECK (target_amount > 0),
    country         text NOT NULL,
    rate            numeric(20, 10) NOT NULL,
    fee             bigint NOT NULL CHECK (fee >= 0),
    created_on      timestamptz NOT NULL,
    expires_on      timestamptz NOT NULL,
    used_by         text
);

CREATE TABLE payouts (
    id              text PRIMARY KEY,
    merchant_id     text NOT NULL REFERENCES merchants (merchant_id),
    external_ref    text NOT NULL,
    quote_id        text NOT NULL REFERENCES fx_quotes (id),
    status          text NOT NULL CHECK (status IN ('created', 'processing', 'completed', 'failed', 'returned')),
    source_currency text NOT NULL,
    source_amount   bigint NOT NULL,
    fee             bigint NOT NULL,
    target_currency text NOT NULL,
    target_amount   bigint NOT NULL,
    rate            numeric(20, 10) NOT NULL,
    beneficiary     jsonb NOT NULL,
    reference       text,
    failure_code    text,
    next_step_on    timestamptz,
    created_on      timestamptz NOT NULL,
    updated_on      timestamptz NOT NULL,
    version         int NOT NULL DEFAULT 1,
    -- externalRef is the idempotency key of a payout: one payout per reference, ever.
    UNIQUE (merchant_id, external_ref)
);
CREATE INDEX payouts_by_merchant ON payouts (merchant_id, created_on DESC, id DESC);
CREATE INDEX payouts_due ON payouts (next_step_on) WHERE status IN ('created', 'processing');
