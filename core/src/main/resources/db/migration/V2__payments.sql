-- Card payments: single-use tokens, stored cards (the vault), payments and their actions.
-- Card numbers exist only as Tink AEAD ciphertext bound to their row id; in plain text Till keeps
-- the BIN, the last four digits, the expiry and a keyed (HMAC) fingerprint. CVVs wait encrypted
-- beside unused tokens only, and are wiped when the token is used or expires.

CREATE TABLE card_tokens (
    id                text PRIMARY KEY,
    merchant_id       text NOT NULL REFERENCES merchants (merchant_id),
    number_ciphertext bytea,          -- NULL once the token is used or expired
    cvv_ciphertext    bytea,          -- NULL once the token is used or expired, or when none was sent
    bin               text NOT NULL,
    last4             text NOT NULL,
    expiry_month      int NOT NULL,
    expiry_year       int NOT NULL,
    scheme            text NOT NULL,
    name              text,
    billing_address   jsonb,
    phone             jsonb,
    fingerprint       bytea NOT NULL,
    card_type         text,
    card_category     text,
    issuer            text,
    issuer_country    text,
    product_id        text,
    product_type      text,
    created_on        timestamptz NOT NULL,
    expires_on        timestamptz NOT NULL,
    used_on           timestamptz,
    CHECK (used_on IS NULL OR cvv_ciphertext IS NULL)
);
CREATE INDEX card_tokens_to_wipe ON card_tokens (expires_on) WHERE number_ciphertext IS NOT NULL;

CREATE TABLE card_sources (
    id                text PRIMARY KEY,
    merchant_id       text NOT NULL REFERENCES merchants (merchant_id),
    customer_id       text REFERENCES customers (id),
    number_ciphertext bytea NOT NULL,
    bin               text NOT NULL,
    last4             text NOT NULL,
    expiry_month      int NOT NULL,
    expiry_year       int NOT NULL,
    scheme            text NOT NULL,
    name              text,
    billing_address   jsonb,
    phone             jsonb,
    fingerprint       bytea NOT NULL,
    card_type         text,
    card_category     text,
    issuer            text,
    issuer_country    text,
    product_id        text,
    product_type      text,
    created_on        timestamptz NOT NULL
);
CREATE INDEX card_sources_by_customer ON card_sources (merchant_id, customer_id);

-- Balances are columns so that one guarded UPDATE moves them; the CHECKs make a broken money rule
-- impossible to commit, whatever the code above does.
CREATE TABLE payments (
    id                 text PRIMARY KEY,
    merchant_id        text NOT NULL REFERENCES merchants (merchant_id),
    version            int NOT NULL,
    status             text NOT NULL CHECK (status IN ('Pending', 'Authorized', 'Card Verified', 'Declined', 'Voided',
                           'Partially Captured', 'Captured', 'Partially Refunded', 'Refunded', 'Canceled', 'Expired')),
    amount             bigint NOT NULL CHECK (amount >= 0),
    currency           text NOT NULL,
    authorized         bigint NOT NULL DEFAULT 0 CHECK (authorized >= 0),
    captured           bigint NOT NULL DEFAULT 0 CHECK (captured >= 0),
    refunded           bigint NOT NULL DEFAULT 0 CHECK (refunded >= 0),
    released           bigint NOT NULL DEFAULT 0 CHECK (released >= 0),
    action_id          text NOT NULL,
    source_id          text REFERENCES card_sources (id),
    customer_id        text REFERENCES customers (id),
    reference          text,
    description        text,
    payment_type       text NOT NULL,
    capture_requested  boolean NOT NULL,
    three_ds_requested boolean NOT NULL,
    challenge_id       text UNIQUE,
    success_url        text,
    failure_url        text,
    metadata           jsonb NOT NULL DEFAULT '{}',
    approved           boolean,
    auth_code          text,
    response_code      text,
    response_summary   text,
    avs_check          text,
    cvv_check          text,
    risk_flagged       boolean NOT NULL DEFAULT false,
    funds_availability text,
    network_reference  text,
    awaiting           text CHECK (awaiting IN ('challenge', 'network')),
    requested_on       timestamptz NOT NULL,
    processed_on       timestamptz,
    expires_on         timestamptz,
    CHECK (authorized <= amount),
    CHECK (captured + released <= authorized),
    CHECK (refunded <= captured),
    CHECK (status <> 'Pending' OR awaiting IS NOT NULL)
);
CREATE INDEX payments_by_reference ON payments (merchant_id, reference, requested_on DESC);
CREATE INDEX payments_to_expire ON payments (expires_on) WHERE status = 'Authorized';
CREATE INDEX payments_to_reconcile ON payments (requested_on) WHERE awaiting = 'network';

CREATE TABLE payment_actions (
    id               text PRIMARY KEY,
    merchant_id      text NOT NULL REFERENCES merchants (merchant_id),
    payment_id       text NOT NULL REFERENCES payments (id),
    type             text NOT NULL CHECK (type IN ('Authorization', 'Card Verification', 'Capture', 'Void', 'Refund')),
    amount           bigint NOT NULL CHECK (amount >= 0),
    approved         boolean NOT NULL,
    auth_code        text,
    response_code    text NOT NULL,
    response_summary text NOT NULL,
    reference        text,
    metadata         jsonb NOT NULL DEFAULT '{}',
    processed_on     timestamptz NOT NULL,
    seq              int NOT NULL,
    UNIQUE (payment_id, seq)
);
CREATE INDEX payment_actions_by_payment ON payment_actions (merchant_id, payment_id, seq);
