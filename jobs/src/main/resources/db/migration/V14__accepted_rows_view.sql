-- The accepted ledger rows, defined once: a row of a judged file without a judgment. A file's rows
-- are judged all at once, in the transaction that sets its judged_at, and only the rows the judging
-- turns away (DUPLICATE, CONFLICT, UNKNOWN) get a judgment (V13). The judging's carry-over, gap
-- resolution, payment matching and settlement read this view; both databases expand it into the
-- statement that reads it, so a lookup by card still goes through the ledger rows' card index.
CREATE VIEW ledger_accepted AS
SELECT r.*
FROM ledger_row r
WHERE r.source_file IN (SELECT f.file_name FROM inbox_file f WHERE f.judged_at IS NOT NULL)
  AND NOT EXISTS (SELECT 1 FROM ledger_judgment j
                  WHERE j.card_no = r.card_no AND j.card_seq = r.card_seq
                    AND j.source_file = r.source_file AND j.source_line = r.source_line);
