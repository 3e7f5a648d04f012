-- The date's judgments are counted for the run summary and the settlement (PostgreSQL uses a BRIN
-- index, see db/vendor/postgresql/V11).
CREATE INDEX ledger_judgment_by_date ON ledger_judgment (clearing_date);
