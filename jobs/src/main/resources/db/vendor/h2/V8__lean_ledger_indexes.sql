-- The embedded database has neither BRIN nor partial indexes: it keeps V5's B-tree indexes on
-- ledger_row (see db/vendor/postgresql/V8 for what PostgreSQL uses instead).
SELECT 1;
