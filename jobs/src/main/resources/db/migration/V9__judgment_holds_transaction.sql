-- An accepted row's judgment names the (card_no, card_seq) it holds, so the judging writes one row per
-- judged row instead of two: ledger_txn is folded into ledger_judgment. Rows that are not accepted
-- hold no card_seq (NULL, which the unique index lets repeat).
ALTER TABLE ledger_judgment ADD COLUMN card_no CHAR(19);
ALTER TABLE ledger_judgment ADD COLUMN card_seq BIGINT;

MERGE INTO ledger_judgment j
USING ledger_txn t ON j.source_file = t.source_file AND j.source_line = t.source_line
WHEN MATCHED THEN UPDATE SET card_no = t.card_no, card_seq = t.card_seq;

CREATE UNIQUE INDEX ledger_judgment_txn ON ledger_judgment (card_no, card_seq);

DROP TABLE ledger_txn;
