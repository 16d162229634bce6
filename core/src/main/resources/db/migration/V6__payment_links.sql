-- Payment links (seed 004): a hosted card widget behind an unguessable link that lives 31 days.
-- The link reserves its payment's id (payment_id) before the customer pays, so the merchant can
-- read and capture it by that id. Every query filters on merchant_id.
CREATE TABLE payment_links (
    id                 text PRIMARY KEY,
    merchant_id        text NOT NULL REFERENCES merchants (merchant_id),
    version            int NOT NULL DEFAULT 0,
    status             text NOT NULL CHECK (status IN ('active', 'completed', 'canceled', 'expired')),
    -- The payment the current (or the successful) attempt uses; a decline moves it to a new id.
    payment_id         text NOT NULL,
    amount             bigint NOT NULL CHECK (amount > 0),
    currency           text NOT NULL,
    reference          text,
    description        text,
    customer           jsonb,
    back_to_shop_url   text NOT NULL,
    capture            boolean NOT NULL,
    metadata           jsonb NOT NULL DEFAULT '{}',
    -- Origins allowed to embed the widget (CSP frame-ancestors); empty: no framing at all.
    frame_ancestors    jsonb NOT NULL DEFAULT '[]',
    attempts           int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    -- Set while payment_id is in use (authorizing, or waiting for 3-D Secure or the network).
    attempt_started_on timestamptz,
    -- An authorization that arrived after cancel or expiry; the release job voids it.
    release_due_on     timestamptz,
    released_on        timestamptz,
    created_on         timestamptz NOT NULL,
    expires_on         timestamptz NOT NULL,
    completed_on       timestamptz,
    canceled_on        timestamptz,
    expired_on         timestamptz,
    CHECK (expires_on > created_on)
);
CREATE UNIQUE INDEX payment_links_by_payment ON payment_links (merchant_id, payment_id);
CREATE INDEX payment_links_by_merchant ON payment_links (merchant_id, created_on DESC, id DESC);
CREATE INDEX payment_links_due_to_expire ON payment_links (expires_on) WHERE status = 'active';
CREATE INDEX payment_links_due_to_release ON payment_links (release_due_on)
    WHERE release_due_on IS NOT NULL AND released_on IS NULL;
