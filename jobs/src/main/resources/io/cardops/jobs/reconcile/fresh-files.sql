-- The date's tap and recharge files whose rows are not judged yet (each file is judged whole, once).
SELECT file_name FROM inbox_file
WHERE clearing_date = :date AND kind IN ('taps', 'recharges') AND status = 'LOADED' AND judged_at IS NULL
