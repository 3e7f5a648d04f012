-- The control side of "taps in = paid + held + dropped": what the judging recorded for the date's tap
-- rows. An accepted tap (ledger_accepted) is paid, and only the rows turned away have a judgment; the
-- taps of a file never judged count in none of the three. A held tap released on the exception desk
-- counts as paid.
SELECT 'PAID' AS settlement, COUNT(*) AS row_count
FROM ledger_accepted r
WHERE r.clearing_date = :date AND r.kind = 'T'
UNION ALL
SELECT CASE WHEN x.source_line IS NULL THEN j.settlement ELSE 'PAID' END AS settlement, COUNT(*) AS row_count
FROM ledger_judgment j
LEFT JOIN released_tap x ON x.clearing_date = :date AND j.settlement = 'HELD' AND x.source_file = j.source_file AND x.source_line = j.source_line AND x.released_at < :releasesBefore
WHERE j.clearing_date = :date AND j.source_file LIKE 'taps%'
GROUP BY CASE WHEN x.source_line IS NULL THEN j.settlement ELSE 'PAID' END
