-- The summary counts of a date, from what is stored (a re-run reports the same). The date's
-- ledger rows are read once for both of their counts.
SELECT
  r.taps + (SELECT COUNT(*) FROM ledger_malformed WHERE clearing_date = :date AND kind = 'T') AS taps,
  r.recharges + (SELECT COUNT(*) FROM ledger_malformed WHERE clearing_date = :date AND kind = 'R') AS recharges,
  (SELECT COUNT(*) FROM payment_row WHERE clearing_date = :date)
    + (SELECT COUNT(*) FROM ledger_malformed WHERE clearing_date = :date AND kind = 'P') AS payments,
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
FROM (SELECT COUNT(*) FILTER (WHERE kind = 'T') AS taps, COUNT(*) FILTER (WHERE kind = 'R') AS recharges
      FROM ledger_row WHERE clearing_date = :date) r
