-- Every tap and top-up row of the clearing date with what the judging made of it, in one pass over
-- the date's rows, grouped just finely enough for the settlement files and their control totals:
-- by kind, partner, mode and line, settlement (PAID, HELD, DROPPED, or NULL for a row never judged),
-- disposition, and whether the row is a fare (EXIT or SINGLE) and a student fare.
SELECT r.kind, r.partner, r.mode, COALESCE(r.line_name, '') AS line_name, j.settlement, j.disposition,
  CASE WHEN r.tap_type IN ('EXIT', 'SINGLE') THEN 1 ELSE 0 END AS fare,
  CASE WHEN r.tap_type IN ('EXIT', 'SINGLE') AND r.discount = 'STUDENT' THEN 1 ELSE 0 END AS student_fare,
  COUNT(*) AS row_count,
  COALESCE(SUM(r.full_fare_fen), 0) AS full_fare,
  COALESCE(SUM(r.charged_fen), 0) AS charged,
  COALESCE(SUM(r.amount_fen), 0) AS amount
FROM ledger_row r
LEFT JOIN ledger_judgment j ON j.source_file = r.source_file AND j.source_line = r.source_line
WHERE r.clearing_date = :date
GROUP BY r.kind, r.partner, r.mode, COALESCE(r.line_name, ''), j.settlement, j.disposition,
  CASE WHEN r.tap_type IN ('EXIT', 'SINGLE') THEN 1 ELSE 0 END,
  CASE WHEN r.tap_type IN ('EXIT', 'SINGLE') AND r.discount = 'STUDENT' THEN 1 ELSE 0 END
