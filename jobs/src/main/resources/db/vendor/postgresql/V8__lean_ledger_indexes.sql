-- Leaner indexes on the ledger's biggest table, where PostgreSQL has the index kinds for it: every
-- index is maintained for each of a night's millions of loaded rows.
-- * Rows arrive in clearing-date order, so a BRIN index finds a date's rows at a fraction of the
--   cost of a B-tree on a column that holds one value per night.
-- * Only top-ups carry a payment_ref; taps (nine rows in ten) are left out of its index.
DROP INDEX ledger_row_by_date;
CREATE INDEX ledger_row_by_date ON ledger_row USING brin (clearing_date);

DROP INDEX ledger_row_by_ref;
CREATE INDEX ledger_row_by_ref ON ledger_row (payment_ref) WHERE payment_ref IS NOT NULL;
