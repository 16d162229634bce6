-- Orders and hosted checkout. An order's payment attempts are payments (pay_); April's
-- transactions (tran_) name those same payments in that dialect's words.

-- Per-merchant order defaults; the merchant's default currency stays on merchants.
CREATE TABLE order_settings (
    merchant_id          text PRIMARY KEY REFERENCES merchants (merchant_id),
    success_redirect     text,
    in_progress_redirect text,
    failure_redirect     text,
    expire_on_due_date   boolean NOT NULL DEFAULT false,
    updated_on           timestamptz NOT NULL
);

CREATE TABLE orders (
    id                   text PRIMARY KEY,
    merchant_id          text NOT NULL REFERENCES merchants (merchant_id),
    status               text NOT NULL,
    currency             text NOT NULL,
    amount               bigint NOT NULL CHECK (amount > 0),
    refunded_amount      bigint NOT NULL DEFAULT 0 CHECK (refunded_amount >= 0 AND refunded_amount <= amount),
    description          text,
    reference            text,
    metadata             jsonb NOT NULL DEFAULT '{}',
    client_email         text NOT NULL,
    client_name          text,
    client_phone         text,
    capture              boolean NOT NULL,
    due_date             timestamptz,
    expire_on_due_date   boolean NOT NULL,
    max_payment_attempts int CHECK (max_payment_attempts > 0),
    payment_attempts     int NOT NULL DEFAULT 0,
    success_redirect     text,
    in_progress_redirect text,
    failure_redirect     text,
    held_on              timestamptz,
    created_on           timestamptz NOT NULL,
    updated_on           timestamptz NOT NULL,
    CHECK (max_payment_attempts IS NULL OR payment_attempts <= max_payment_attempts)
);
CREATE INDEX orders_by_merchant ON orders (merchant_id, created_on DESC, id DESC);
-- The due-date and hold jobs scan only what they can act on.
CREATE INDEX orders_due ON orders (due_date) WHERE due_date IS NOT NULL AND status IN ('issued', 'viewed', 'failed');
CREATE INDEX orders_held ON orders (held_on) WHERE status = 'hold';

CREATE TABLE order_products (
    merchant_id text NOT NULL REFERENCES merchants (merchant_id),
    order_id    text NOT NULL REFERENCES orders (id),
    position    int NOT NULL,
    title       text NOT NULL,
    unit_price  bigint NOT NULL,
    quantity    int NOT NULL CHECK (quantity > 0),
    PRIMARY KEY (order_id, position)
);

-- Each payment attempt of an order; payment events find their order here.
CREATE TABLE order_attempts (
    payment_id  text PRIMARY KEY,
    merchant_id text NOT NULL REFERENCES merchants (merchant_id),
    order_id    text NOT NULL REFERENCES orders (id),
    outcome     text NOT NULL CHECK (outcome IN ('pending', 'approved', 'declined')),
    created_on  timestamptz NOT NULL
);
CREATE INDEX order_attempts_by_order ON order_attempts (merchant_id, order_id, created_on);

CREATE TABLE april_transactions (
    id          text PRIMARY KEY,
    merchant_id text NOT NULL REFERENCES merchants (merchant_id),
    payment_id  text NOT NULL UNIQUE,
    order_id    text NOT NULL REFERENCES orders (id),
    created_on  timestamptz NOT NULL
);
