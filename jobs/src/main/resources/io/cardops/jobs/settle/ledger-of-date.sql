-- Every tap and top-up row of the clearing date with what the judging made of it, in one pass over
-- the date's rows, grouped just finely enough for the settlement files: by kind, partner, mode and
-- line, settlement, disposition, and whether the row is a fare (EXIT or SINGLE) and a student fare.
-- Almost every row is ACCEPTED and PAID, which is a row without a judgment: only the rows turned away
-- have one (a few hundred instead of millions). That every row was judged is checked by the control
-- totals against judged-counts.sql.
-- A held tap whose release a second FINANCE account approved on the exception desk (desk.md, "What a
-- release changes") is paid from then on: counted as PAID and flagged `released`, so that its student
-- discount stays out of the subsidy claim.
-- The sums cannot overflow: every amount loaded is within ±10,000,000 fen (files.md; beyond it a row
-- is malformed and never reaches ledger_row), so a group's SUM stays inside a BIGINT, which the
-- reader takes with getLong, up to 900 billion rows of a date. PostgreSQL and H2 both add BIGINTs
-- exactly (as NUMERIC), so even past that nothing would wrap round: getLong would fail instead.
SELECT r.kind, r.partner, r.mode, COALESCE(r.line_name, '') AS line_name,
  CASE WHEN x.source_line IS NULL THEN COALESCE(j.settlement, 'PAID') ELSE 'PAID' END AS settlement,
  COALESCE(j.disposition, 'ACCEPTED') AS disposition,
  CASE WHEN x.source_line IS NULL THEN 0 ELSE 1 END AS released,
  CASE WHEN r.tap_type IN ('EXIT', 'SINGLE') THEN 1 ELSE 0 END AS fare,
  CASE WHEN r.tap_type IN ('EXIT', 'SINGLE') AND r.discount = 'STUDENT' THEN 1 ELSE 0 END AS student_fare,
  COUNT(*) AS row_count,
  COALESCE(SUM(r.full_fare_fen), 0) AS full_fare,
  COALESCE(SUM(r.charged_fen), 0) AS charged,
  COALESCE(SUM(r.amount_fen), 0) AS amount
FROM ledger_row r
LEFT JOIN (
  SELECT source_file, source_line, settlement, disposition FROM ledger_judgment
  WHERE clearing_date = :date
) j ON j.source_file = r.source_file AND j.source_line = r.source_line
LEFT JOIN released_tap x ON x.clearing_date = :date AND r.kind = 'T' AND j.settlement = 'HELD' AND x.source_file = r.source_file AND x.source_line = r.source_line AND x.released_at < :releasesBefore
WHERE r.clearing_date = :date
GROUP BY r.kind, r.partner, r.mode, COALESCE(r.line_name, ''),
  CASE WHEN x.source_line IS NULL THEN COALESCE(j.settlement, 'PAID') ELSE 'PAID' END,
  COALESCE(j.disposition, 'ACCEPTED'), CASE WHEN x.source_line IS NULL THEN 0 ELSE 1 END,
  CASE WHEN r.tap_type IN ('EXIT', 'SINGLE') THEN 1 ELSE 0 END,
  CASE WHEN r.tap_type IN ('EXIT', 'SINGLE') AND r.discount = 'STUDENT' THEN 1 ELSE 0 END
