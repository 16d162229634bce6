-- A release the network keeps declining (a superseded order payment, a link's late authorization)
-- was tried again every 5 minutes for ever: for an order, each try also records a declined action
-- and sends its webhook, 288 a day. The wait now doubles with each refusal, up to 6 hours.
ALTER TABLE order_attempts ADD COLUMN release_tries int NOT NULL DEFAULT 0;
ALTER TABLE payment_links ADD COLUMN release_tries int NOT NULL DEFAULT 0;
