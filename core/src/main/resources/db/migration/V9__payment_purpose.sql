-- What a payment pays for: 'order' (an order's payment attempt: the payform, April, POST
-- /orders/{id}/pay), 'link' (a payment link's widget), or NULL (a plain API payment, by far the
-- most common). It is set once, when the payment is created, and never changes. The orders and
-- links listeners run inside every payment's transaction; with this column on the row they
-- already hold, they skip the order-attempt and payment-link lookups for payments that belong to
-- neither (docs/hot-path.md). Internal only: no API response or webhook shows it.
ALTER TABLE payments ADD COLUMN pays_for text CHECK (pays_for IN ('order', 'link'));

-- Backfill, so that payments created before this migration keep moving their order or link.
-- A payment is never both: an order attempt's payment gets a fresh id when it is created, a
-- link's payment uses the id the link reserved, and nothing else creates payments under a given
-- id. Should a database say otherwise, stop here rather than guess which listener it needs.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM order_attempts a
               JOIN payment_links l ON l.merchant_id = a.merchant_id AND l.payment_id = a.payment_id) THEN
        RAISE EXCEPTION 'a payment is both an order attempt and a payment link''s payment; pays_for cannot be backfilled';
    END IF;
END
$$;

UPDATE payments p
SET pays_for = 'order'
FROM order_attempts a
WHERE a.merchant_id = p.merchant_id
  AND a.payment_id = p.id;

-- payment_links.payment_id is the link's current (or successful) payment; a declined attempt's
-- payment is no longer named there and stays NULL. That changes nothing: the links listener
-- finds links by payment_links.payment_id, so it never found those payments either, and a
-- declined payment has no later outcome.
UPDATE payments p
SET pays_for = 'link'
FROM payment_links l
WHERE l.merchant_id = p.merchant_id
  AND l.payment_id = p.id;
