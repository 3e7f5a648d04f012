-- The summary counts of a date, from what is stored (a re-run reports the same). A file is loaded whole
-- or not at all, and each of its data rows is either a ledger (or payment) row or a malformed row, as its
-- control file's record count says: so the date's rows are counted from its loaded files' records,
-- without reading the date's two million ledger rows again.
SELECT
  (SELECT COALESCE(SUM(records), 0) FROM inbox_file WHERE clearing_date = :date AND kind = 'taps'
     AND status = 'LOADED') AS taps,
  (SELECT COALESCE(SUM(records), 0) FROM inbox_file WHERE clearing_date = :date AND kind = 'recharges'
     AND status = 'LOADED') AS recharges,
  (SELECT COALESCE(SUM(records), 0) FROM inbox_file WHERE clearing_date = :date AND kind = 'payments'
     AND status = 'LOADED') AS payments,
  (SELECT COUNT(*) FROM recon_exception WHERE clearing_date = :date OR resolved_on = :date) AS exceptions,
  (SELECT COUNT(*) FROM ledger_judgment WHERE clearing_date = :date AND settlement = 'HELD')
    + (SELECT COUNT(*) FROM ledger_malformed WHERE clearing_date = :date AND kind IN ('T', 'R')) AS held,
  (SELECT COUNT(*) FROM ledger_judgment WHERE clearing_date = :date AND settlement = 'DROPPED') AS dropped,
  (SELECT COUNT(*) FROM inbox_file WHERE clearing_date = :date AND status = 'REJECTED'
     AND kind IN ('taps', 'recharges', 'payments'))
    + (SELECT COUNT(*) FROM inbox_reject WHERE clearing_date = :date
     AND (file_name LIKE 'taps%' OR file_name LIKE 'recharges%' OR file_name LIKE 'payments%'))
    + (SELECT COUNT(*) FROM inbox_problem WHERE clearing_date = :date
     AND kind IN ('taps', 'recharges', 'payments')) AS files_rejected
