-- A database a benchmark claimed (cardops benchmark): the benchmarks run real jobs and replace the
-- data they touch (a forced roster of UCAS, expired cards, published files), so they run only on a
-- database of their own. A benchmark claims a database that has run no job yet, and runs again on one
-- it claimed; any other it refuses.
CREATE TABLE benchmark_database (
	singleton CHAR(1) NOT NULL PRIMARY KEY CHECK (singleton = 'X'),
	claimed_at TIMESTAMP WITH TIME ZONE NOT NULL
);
