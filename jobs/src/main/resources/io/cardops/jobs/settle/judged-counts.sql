-- The control side of "taps in = paid + held + dropped": what the judging recorded for the date's tap
-- rows. An accepted tap (ledger_accepted) is paid, and only the rows turned away have a judgment; the
-- taps of a file never judged count in none of the three.
SELECT 'PAID' AS settlement, COUNT(*) AS row_count
FROM ledger_accepted r
WHERE r.clearing_date = :date AND r.kind = 'T'
UNION ALL
SELECT settlement, COUNT(*) AS row_count
FROM ledger_judgment
WHERE clearing_date = :date AND source_file LIKE 'taps%'
GROUP BY settlement
