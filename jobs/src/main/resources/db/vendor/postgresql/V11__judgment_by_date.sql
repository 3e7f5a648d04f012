-- The date's judgments are counted for the run summary and the settlement: judgments are written in
-- clearing-date order, so a BRIN index finds a date's among all of them at almost no cost per row.
CREATE INDEX ledger_judgment_by_date ON ledger_judgment USING brin (clearing_date);
