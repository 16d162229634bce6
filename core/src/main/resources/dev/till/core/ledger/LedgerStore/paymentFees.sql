SELECT coalesce(sum(l.amount) FILTER (WHERE e.type = 'capture' AND l.account = 'card_network_clearing'), 0) AS captured,
       coalesce(sum(l.amount) FILTER (WHERE e.type = 'capture' AND l.account = 'fees'), 0)                  AS fees_charged,
       coalesce(sum(l.amount) FILTER (WHERE e.type = 'refund' AND l.account = 'card_network_clearing'), 0)  AS refunded,
       coalesce(sum(l.amount) FILTER (WHERE e.type = 'refund' AND l.account = 'fees'), 0)                   AS fees_returned
FROM ledger_entries e
JOIN ledger_lines l ON l.entry_id = e.id AND l.merchant_id = e.merchant_id
WHERE e.merchant_id = :merchantId
  AND e.source_id = :sourceId
  AND l.currency = :currency
