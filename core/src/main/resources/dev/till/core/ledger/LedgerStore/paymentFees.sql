-- What the ledger holds for each of several payments (sources) so far, one row per payment in the
-- order asked (ord): captured and refunded amounts, capture fees charged and returned. A payment
-- with no entries yet gets zeros.
SELECT r.ord,
       coalesce(sum(l.amount) FILTER (WHERE e.type = 'capture' AND l.account = 'card_network_clearing'), 0) AS captured,
       coalesce(sum(l.amount) FILTER (WHERE e.type = 'capture' AND l.account = 'fees'), 0)                  AS fees_charged,
       coalesce(sum(l.amount) FILTER (WHERE e.type = 'refund' AND l.account = 'card_network_clearing'), 0)  AS refunded,
       coalesce(sum(l.amount) FILTER (WHERE e.type = 'refund' AND l.account = 'fees'), 0)                   AS fees_returned
FROM unnest(CAST(:merchantIds AS text[]), CAST(:sourceIds AS text[]), CAST(:currencies AS text[])) WITH ORDINALITY
         AS r(merchant_id, source_id, currency, ord)
LEFT JOIN ledger_entries e ON e.merchant_id = r.merchant_id AND e.source_id = r.source_id
LEFT JOIN ledger_lines l ON l.entry_id = e.id AND l.merchant_id = e.merchant_id AND l.currency = r.currency
GROUP BY r.ord
ORDER BY r.ord
