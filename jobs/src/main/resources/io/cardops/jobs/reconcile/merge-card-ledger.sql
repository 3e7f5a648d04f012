-- Moves each card the date's judging staged (judge_stage_ledger, every partition of :date) to its highest
-- accepted card_seq and the balance after it.
MERGE INTO card_ledger l
USING (SELECT card_no, last_seq, balance_fen, updated_on FROM judge_stage_ledger WHERE judged_date = :date) s
  ON l.card_no = s.card_no
WHEN MATCHED THEN UPDATE SET last_seq = s.last_seq, balance_fen = s.balance_fen, updated_on = s.updated_on
WHEN NOT MATCHED THEN INSERT (card_no, last_seq, balance_fen, updated_on) VALUES (s.card_no, s.last_seq, s.balance_fen, s.updated_on)
