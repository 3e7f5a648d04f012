-- The ledger rows' card index keeps only what a lookup by card needs: (card_no, card_seq). Every
-- statement that finds rows by card (the judging's carry-over, the trace, gap resolution, the joins from
-- a judgment or an exception to its row) names the card and card_seq, and the few rows sharing them are
-- told apart by file and line in the table. Carrying the file name in every key (V13) made each entry
-- about twice as wide; each of a night's millions of rows pays for its entry when it is loaded (measured
-- with psql on a 2M-tap day: 9.9-11.7 s with the wide unique index, 8.7-8.8 s with this one, 5.2 s
-- with none).
-- A row is loaded once because its file is (inbox_file: a file's rows are loaded in the transaction that
-- records it, and a file name is taken in once); the index no longer repeats that as a constraint.
DROP INDEX ledger_row_by_card;
CREATE INDEX ledger_row_by_card ON ledger_row (card_no, card_seq);
