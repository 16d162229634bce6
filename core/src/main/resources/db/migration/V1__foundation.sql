-- Foundation: merchants, their keys, idempotency records, customers and the event outbox.
-- Every table carries merchant_id and every query filters on it. IDs are random prefixed text
-- minted in Java; no sequence is exposed.

CREATE TABLE merchants (
    merchant_id      text PRIMARY KEY,
    name             text NOT NULL,
    mode             text NOT NULL CHECK (mode IN ('test', 'live')),
    default_currency text NOT NULL DEFAULT 'USD',
    settings         jsonb NOT NULL DEFAULT '{}',
    created_on       timestamptz NOT NULL
);

-- Keys are stored only as SHA-256 hashes: a key has 135 random bits, so a fast hash is enough.
CREATE TABLE api_keys (
    key_hash    bytea PRIMARY KEY,
    merchant_id text NOT NULL REFERENCES merchants (merchant_id),
    kind        text NOT NULL CHECK (kind IN ('secret', 'publishable')),
    hint        text NOT NULL,
    created_on  timestamptz NOT NULL,
    revoked_on  timestamptz
);
CREATE INDEX api_keys_by_merchant ON api_keys (merchant_id);

-- One row per (merchant, endpoint, key). Written in the same transaction as the effect.
-- request_hash is a keyed hash of the canonical request: no card data is ever kept here.
CREATE TABLE idempotency_keys (
    merchant_id     text NOT NULL REFERENCES merchants (merchant_id),
    endpoint        text NOT NULL,
    idempotency_key text NOT NULL,
    request_hash    bytea NOT NULL,
    response_status int NOT NULL,
    response_body   bytea NOT NULL,
    created_on      timestamptz NOT NULL,
    PRIMARY KEY (merchant_id, endpoint, idempotency_key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_on);

CREATE TABLE customers (
    id                text PRIMARY KEY,
    merchant_id       text NOT NULL REFERENCES merchants (merchant_id),
    email             text,
    name              text,
    phone             jsonb,
    metadata          jsonb NOT NULL DEFAULT '{}',
    default_source_id text,
    created_on        timestamptz NOT NULL,
    updated_on        timestamptz NOT NULL,
    deleted_on        timestamptz
);
CREATE INDEX customers_by_merchant ON customers (merchant_id, created_on DESC, id DESC);
CREATE INDEX customers_by_email ON customers (merchant_id, lower(email)) WHERE deleted_on IS NULL;

-- The outbox: every committed state change writes one row here in its own transaction.
CREATE TABLE events (
    id          text PRIMARY KEY,
    merchant_id text NOT NULL REFERENCES merchants (merchant_id),
    type        text NOT NULL,
    object_id   text NOT NULL,
    object_seq  int NOT NULL,
    created_on  timestamptz NOT NULL,
    data        jsonb NOT NULL,
    UNIQUE (merchant_id, object_id, object_seq)
);
CREATE INDEX events_by_merchant ON events (merchant_id, created_on DESC, id DESC);
