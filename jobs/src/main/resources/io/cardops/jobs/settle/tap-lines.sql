-- Every tap row of the clearing date by operator, mode and line, with what the judging made of it,
-- in one pass: the operator file's figures, the paid/held/dropped counts for the control totals, and
-- the student discount (with its EXPIRED_DISCOUNT clawback) for the subsidy fund. Malformed rows are
-- held taps with no money, under their mode and line when the mode is readable.
SELECT t.partner, t.mode, t.line_name,
  COUNT(*) AS taps,
  SUM(CASE WHEN t.settlement = 'PAID' AND t.tap_type IN ('EXIT', 'SINGLE') THEN 1 ELSE 0 END) AS trips,
  SUM(CASE WHEN t.settlement IN ('PAID', 'HELD') THEN t.full_fare_fen ELSE 0 END) AS full_fare,
  SUM(CASE WHEN t.settlement IN ('PAID', 'HELD') THEN t.charged_fen ELSE 0 END) AS charged,
  SUM(CASE WHEN t.settlement = 'HELD' THEN t.charged_fen ELSE 0 END) AS held,
  SUM(CASE WHEN t.settlement = 'PAID' THEN t.charged_fen ELSE 0 END) AS payable,
  SUM(CASE WHEN t.settlement = 'PAID' THEN 1 ELSE 0 END) AS paid_taps,
  SUM(CASE WHEN t.settlement = 'HELD' THEN 1 ELSE 0 END) AS held_taps,
  SUM(CASE WHEN t.settlement = 'DROPPED' THEN 1 ELSE 0 END) AS dropped_taps,
  SUM(CASE WHEN t.student = 1 THEN 1 ELSE 0 END) AS student_taps,
  SUM(CASE WHEN t.student = 1 THEN t.full_fare_fen - t.charged_fen ELSE 0 END) AS student_discount,
  SUM(CASE WHEN t.student = 1 AND t.expired = 1 THEN t.full_fare_fen - t.charged_fen ELSE 0 END) AS clawback
FROM (
  SELECT r.partner, r.mode, COALESCE(r.line_name, '') AS line_name, r.tap_type, r.full_fare_fen, r.charged_fen,
         j.settlement,
         CASE WHEN j.settlement = 'PAID' AND r.discount = 'STUDENT' AND r.tap_type IN ('EXIT', 'SINGLE')
              THEN 1 ELSE 0 END AS student,
         CASE WHEN x.exception_id IS NULL THEN 0 ELSE 1 END AS expired
  FROM ledger_row r
  LEFT JOIN ledger_judgment j ON j.source_file = r.source_file AND j.source_line = r.source_line
  LEFT JOIN recon_exception x ON x.category = 'EXPIRED_DISCOUNT' AND x.source_file = r.source_file
       AND x.source_line = r.source_line
  WHERE r.clearing_date = :date AND r.kind = 'T'
  UNION ALL
  SELECT m.partner,
         CASE WHEN UPPER(TRIM(m.mode)) IN ('METRO', 'BUS') THEN UPPER(TRIM(m.mode)) ELSE 'UNREADABLE' END,
         CASE WHEN UPPER(TRIM(m.mode)) IN ('METRO', 'BUS') THEN COALESCE(TRIM(m.line_name), '') ELSE '' END,
         NULL, 0, 0, 'HELD', 0, 0
  FROM ledger_malformed m
  WHERE m.clearing_date = :date AND m.kind = 'T'
) t
GROUP BY t.partner, t.mode, t.line_name
