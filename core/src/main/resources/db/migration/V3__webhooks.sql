-- Webhooks: merchants' endpoints, one delivery per (event, endpoint), one row per attempt.

-- Secrets are AEAD-encrypted with the endpoint id as associated data: the database alone cannot
-- sign. The previous secret stays valid (and is signed with) until previous_secret_expires_on.
CREATE TABLE webhook_endpoints (
    id                         text PRIMARY KEY,
    merchant_id                text NOT NULL REFERENCES merchants (merchant_id),
    url                        text NOT NULL,
    event_types                jsonb NOT NULL DEFAULT '[]', -- empty: every type; "payment_*" matches a prefix
    active                     boolean NOT NULL,
    headers                    jsonb NOT NULL DEFAULT '{}',
    secret                     bytea NOT NULL,
    previous_secret            bytea,
    previous_secret_expires_on timestamptz,
    disabled_reason            text,
    created_on                 timestamptz NOT NULL,
    updated_on                 timestamptz NOT NULL
);
CREATE INDEX webhook_endpoints_by_merchant ON webhook_endpoints (merchant_id, created_on DESC, id DESC);

-- status: pending (to be sent, or paused while its endpoint is inactive), succeeded, failed.
-- claimed_until is the lease of the worker sending it now; a worker that dies lets it lapse and
-- the delivery becomes due again. claim_token guards the worker's write-back against a lapsed lease.
-- attempts counts every attempt; round_attempts only those since the schedule started (a resend restarts it).
CREATE TABLE webhook_deliveries (
    merchant_id     text NOT NULL REFERENCES merchants (merchant_id),
    event_id        text NOT NULL REFERENCES events (id),
    endpoint_id     text NOT NULL REFERENCES webhook_endpoints (id) ON DELETE CASCADE,
    event_type      text NOT NULL,
    status          text NOT NULL CHECK (status IN ('pending', 'succeeded', 'failed')),
    attempts        int NOT NULL DEFAULT 0,
    round_attempts  int NOT NULL DEFAULT 0,
    schedule_start  timestamptz NOT NULL,
    next_attempt_at timestamptz,
    claimed_until   timestamptz,
    claim_token     text,
    last_status     int,
    created_on      timestamptz NOT NULL,
    updated_on      timestamptz NOT NULL,
    PRIMARY KEY (event_id, endpoint_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'pending';
CREATE INDEX webhook_deliveries_claimed ON webhook_deliveries (endpoint_id) WHERE claimed_until IS NOT NULL;
CREATE INDEX webhook_deliveries_by_endpoint ON webhook_deliveries (merchant_id, endpoint_id, created_on DESC, event_id DESC);

CREATE TABLE webhook_attempts (
    id               text PRIMARY KEY,
    merchant_id      text NOT NULL REFERENCES merchants (merchant_id),
    event_id         text NOT NULL,
    endpoint_id      text NOT NULL,
    number           int NOT NULL,
    attempted_on     timestamptz NOT NULL,
    outcome          text NOT NULL CHECK (outcome IN ('succeeded', 'retrying', 'failed', 'paused')),
    status_code      int,
    latency_ms       int NOT NULL,
    error            text,
    response_excerpt text,
    FOREIGN KEY (event_id, endpoint_id) REFERENCES webhook_deliveries (event_id, endpoint_id) ON DELETE CASCADE
);
CREATE INDEX webhook_attempts_by_delivery ON webhook_attempts (event_id, endpoint_id, number);
