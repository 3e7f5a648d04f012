-- The control side of "taps in = paid + held + dropped": what the judging recorded for the date's tap
-- rows, counted from the judgments themselves.
SELECT settlement, COUNT(*) AS row_count
FROM ledger_judgment
WHERE clearing_date = :date AND source_file LIKE 'taps%'
GROUP BY settlement
