-- A row of a judged file is ACCEPTED (and PAID) unless it has a judgment, and the ledger rows are
-- found by card instead of by file and line: see the PostgreSQL twin of this migration for why. Only
-- the statements differ (H2 names its primary key itself, and has no partial index to drop).
ALTER TABLE ledger_row DROP PRIMARY KEY;
CREATE UNIQUE INDEX ledger_row_by_card ON ledger_row (card_no, card_seq, source_file, source_line);

DELETE FROM ledger_judgment WHERE disposition = 'ACCEPTED';
