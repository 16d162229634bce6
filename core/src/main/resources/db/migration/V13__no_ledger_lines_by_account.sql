-- Every ledger line was indexed by (merchant_id, account, currency), and no query reads it that
-- way: balances read the lines not yet folded (ledger_lines_unfolded, V7), a payment's fees and
-- debt read its entries' lines through the primary key, and the ledger check scans them all.
-- One index entry fewer per line (three per auto-captured payment), and one fewer per line the
-- ledger-fold job rewrites.
DROP INDEX ledger_lines_by_account;
