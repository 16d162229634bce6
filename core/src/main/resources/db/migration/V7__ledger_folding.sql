-- Postings stop updating ledger_accounts in the request's transaction. Every capture of a
-- merchant used to row-lock the same three balance rows until commit, so one merchant's payments
-- ran one at a time. Now a posting only appends its lines; a balance is ledger_accounts.balance
-- (the lines folded so far) plus its unfolded lines, and the ledger-fold job folds committed lines
-- in the background. Debits that must not overdraw a merchant balance take a per-merchant,
-- per-currency advisory lock and check the balance including their own lines.
ALTER TABLE ledger_lines ADD COLUMN folded boolean NOT NULL DEFAULT true; -- lines so far are in ledger_accounts
ALTER TABLE ledger_lines ALTER COLUMN folded SET DEFAULT false;
CREATE INDEX ledger_lines_unfolded ON ledger_lines (merchant_id, currency, account) WHERE NOT folded;
