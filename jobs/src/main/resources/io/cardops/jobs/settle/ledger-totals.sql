-- The control side of the settlement's totals, from other sources than its own aggregation: the tap
-- files' control records, and the rows the judging accepted (they hold their card_seq, so they are paid).
SELECT
  (SELECT COALESCE(SUM(records), 0) FROM inbox_file
    WHERE clearing_date = :date AND kind = 'taps' AND status = 'LOADED') AS taps_in,
  (SELECT COALESCE(SUM(r.charged_fen), 0) FROM ledger_judgment j
    JOIN ledger_row r ON r.source_file = j.source_file AND r.source_line = j.source_line
    WHERE j.clearing_date = :date AND j.disposition = 'ACCEPTED' AND r.kind = 'T') AS accepted_charged,
  (SELECT COUNT(*) FROM ledger_judgment j
    JOIN ledger_row r ON r.source_file = j.source_file AND r.source_line = j.source_line
    WHERE j.clearing_date = :date AND j.disposition = 'ACCEPTED' AND r.kind = 'R') AS accepted_topups,
  (SELECT COALESCE(SUM(r.amount_fen), 0) FROM ledger_judgment j
    JOIN ledger_row r ON r.source_file = j.source_file AND r.source_line = j.source_line
    WHERE j.clearing_date = :date AND j.disposition = 'ACCEPTED' AND r.kind = 'R') AS accepted_topups_fen
