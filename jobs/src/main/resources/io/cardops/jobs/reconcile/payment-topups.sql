-- The accepted top-ups that carry a payment reference (cash top-ups at a COUNTER carry none).
-- A file's rows are judged all at once (its judged_at is set in the judging's transaction), and only
-- the rows turned away get a judgment: an accepted row is one of a judged file without a judgment.
SELECT r.source_file, r.source_line, r.clearing_date, r.partner, r.card_no, r.card_seq, r.amount_fen, r.payment_ref
FROM ledger_row r
WHERE r.kind = 'R' AND r.payment_ref IS NOT NULL
  AND r.source_file IN (SELECT f.file_name FROM inbox_file f WHERE f.judged_at IS NOT NULL)
  AND NOT EXISTS (SELECT 1 FROM ledger_judgment j
                  WHERE j.card_no = r.card_no AND j.card_seq = r.card_seq
                    AND j.source_file = r.source_file AND j.source_line = r.source_line)
