-- A row of a judged file is ACCEPTED (and PAID) unless it has a judgment: only the rows the judging
-- turns away (DUPLICATE, CONFLICT, UNKNOWN) are written to ledger_judgment, a few hundred a night
-- instead of one per row. Writing an accepted row's judgment with its index cost about as much as
-- loading the row itself (2.36 million judgments a night at 2 million taps).
-- * The ledger rows are found by card instead: one index on (card_no, card_seq, source_file,
--   source_line) replaces the primary key on file and line. It serves the judging's carry-over (a
--   card's accepted transactions from a card_seq on), the trace (a card's rows), and a join from a
--   judgment or an exception to its row (by card, card_seq, file and line). A row is still loaded once
--   (the index is unique, and holds the file and line).
-- * Every judgment left is one that is not ACCEPTED, so the partial index over those is the whole
--   table's own index again.
ALTER TABLE ledger_row DROP CONSTRAINT ledger_row_pkey;
CREATE UNIQUE INDEX ledger_row_by_card ON ledger_row (card_no, card_seq, source_file, source_line);

DELETE FROM ledger_judgment WHERE disposition = 'ACCEPTED';
DROP INDEX ledger_judgment_not_accepted;
