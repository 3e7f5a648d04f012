-- The cards that have rows of the date not judged yet.
SELECT DISTINCT r.card_no FROM ledger_row r
WHERE r.clearing_date = :date
  AND NOT EXISTS (SELECT 1 FROM ledger_judgment j WHERE j.source_file = r.source_file AND j.source_line = r.source_line)
