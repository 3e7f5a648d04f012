-- Every judgment names its row's (card_no, card_seq), not only an accepted row's, and one index on
-- (card_no, card_seq, source_file, source_line) serves both kinds of lookup: the judging's (a card's
-- accepted transactions from a card_seq on) and a join's from a ledger row (its judgment, by the row's
-- card, card_seq, file and line). It replaces two B-trees, the primary key on file and line and the
-- unique index on an accepted row's card and card_seq: each cost about as much per judged row as the
-- row itself, and the judgments of a night are millions. A row is still judged once (the index is
-- unique, and holds the file and line); that a card_seq is held by one accepted row is the judging's
-- rule (JudgingWalk), no longer a constraint.
ALTER TABLE ledger_judgment DROP CONSTRAINT ledger_judgment_pkey;
DROP INDEX ledger_judgment_txn;

UPDATE ledger_judgment j SET card_no = r.card_no, card_seq = r.card_seq
FROM ledger_row r
WHERE j.card_no IS NULL AND r.source_file = j.source_file AND r.source_line = j.source_line;

ALTER TABLE ledger_judgment ALTER COLUMN card_no SET NOT NULL;
ALTER TABLE ledger_judgment ALTER COLUMN card_seq SET NOT NULL;
CREATE UNIQUE INDEX ledger_judgment_by_card ON ledger_judgment (card_no, card_seq, source_file, source_line);

-- The judgments that are not ACCEPTED, a few hundred a night among millions: what the payment
-- matching asks of the judgments (payment-topups.sql). Each night adds a handful of entries.
CREATE INDEX ledger_judgment_not_accepted ON ledger_judgment (card_no, card_seq, source_file, source_line)
  WHERE disposition <> 'ACCEPTED';
