-- The malformed tap rows of the clearing date: held taps with no money (a row that broke its format
-- may have broken in any field), under their mode and line when the mode is readable.
SELECT m.partner,
  CASE WHEN UPPER(TRIM(m.mode)) IN ('METRO', 'BUS') THEN UPPER(TRIM(m.mode)) ELSE 'UNREADABLE' END AS mode,
  CASE WHEN UPPER(TRIM(m.mode)) IN ('METRO', 'BUS') THEN COALESCE(TRIM(m.line_name), '') ELSE '' END AS line_name,
  COUNT(*) AS row_count
FROM ledger_malformed m
WHERE m.clearing_date = :date AND m.kind = 'T'
GROUP BY m.partner,
  CASE WHEN UPPER(TRIM(m.mode)) IN ('METRO', 'BUS') THEN UPPER(TRIM(m.mode)) ELSE 'UNREADABLE' END,
  CASE WHEN UPPER(TRIM(m.mode)) IN ('METRO', 'BUS') THEN COALESCE(TRIM(m.line_name), '') ELSE '' END
