-- Every judgment names its row's (card_no, card_seq), and one index on (card_no, card_seq,
-- source_file, source_line) replaces the primary key on file and line and the unique index on an
-- accepted row's card and card_seq: see the PostgreSQL twin of this migration for why. Only the
-- statements differ (H2 has no UPDATE ... FROM, and names its primary key itself).
ALTER TABLE ledger_judgment DROP PRIMARY KEY;
DROP INDEX ledger_judgment_txn;

MERGE INTO ledger_judgment j
USING ledger_row r ON j.source_file = r.source_file AND j.source_line = r.source_line AND j.card_no IS NULL
WHEN MATCHED THEN UPDATE SET card_no = r.card_no, card_seq = r.card_seq;

ALTER TABLE ledger_judgment ALTER COLUMN card_no SET NOT NULL;
ALTER TABLE ledger_judgment ALTER COLUMN card_seq SET NOT NULL;
CREATE UNIQUE INDEX ledger_judgment_by_card ON ledger_judgment (card_no, card_seq, source_file, source_line);
