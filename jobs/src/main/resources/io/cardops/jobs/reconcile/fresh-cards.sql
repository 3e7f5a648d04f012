-- The cards that have rows of the date not judged yet (the rows of its files not judged yet, which the caller names).
SELECT DISTINCT r.card_no FROM ledger_row r
WHERE r.clearing_date = :date
  AND r.source_file IN (:files)
