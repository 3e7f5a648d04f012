-- The control side of "taps in = paid + held + dropped": what the judging recorded for the date's tap
-- rows. A tap of a judged file without a judgment is paid (only the rows turned away have one); the
-- taps of a file never judged count in none of the three.
SELECT 'PAID' AS settlement, COUNT(*) AS row_count
FROM ledger_row r
WHERE r.clearing_date = :date AND r.kind = 'T'
  AND r.source_file IN (SELECT f.file_name FROM inbox_file f WHERE f.judged_at IS NOT NULL)
  AND NOT EXISTS (SELECT 1 FROM ledger_judgment j
                  WHERE j.card_no = r.card_no AND j.card_seq = r.card_seq
                    AND j.source_file = r.source_file AND j.source_line = r.source_line)
UNION ALL
SELECT settlement, COUNT(*) AS row_count
FROM ledger_judgment
WHERE clearing_date = :date AND source_file LIKE 'taps%'
GROUP BY settlement
