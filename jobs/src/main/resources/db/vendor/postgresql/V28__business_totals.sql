-- The business figures every node reports on /actuator/prometheus are read from the database, whoever
-- ran the job (issue 20, operations 3), with a few grouped queries per scrape over small tables: never a
-- count over the ledger, the card events or the exceptions of a year. This migration keeps the totals
-- those queries read. The H2 twin is the same but for the last index.

-- How many rows of each partner file taken in were set aside (malformed, or card events refused by the
-- rules); records - rejected_rows were taken in. Written by the run that takes the file in, in its
-- transaction. Files taken in before this migration are counted once here.
ALTER TABLE inbox_file ADD COLUMN rejected_rows BIGINT;

UPDATE inbox_file SET rejected_rows = (SELECT COUNT(*) FROM ledger_malformed m WHERE m.source_file = inbox_file.file_name)
WHERE status = 'LOADED' AND kind IN ('taps', 'recharges', 'payments');

UPDATE inbox_file SET rejected_rows = (SELECT COUNT(*) FROM card_event_reject r WHERE r.source_file = inbox_file.file_name)
WHERE status = 'LOADED' AND kind = 'cardevents';

-- A file rejected whole whose control file is then corrected is taken again, and its inbox_file row
-- goes to the new verdict; the rejection is kept here, so that the count of files rejected never goes
-- down (a counter that went down would read as a reset).
CREATE TABLE inbox_file_rejection (
	file_name VARCHAR(255) NOT NULL,
	kind VARCHAR(16) NOT NULL,
	partner VARCHAR(16) NOT NULL,
	clearing_date DATE NOT NULL,
	reason VARCHAR(1000),
	received_at TIMESTAMP WITH TIME ZONE NOT NULL,
	superseded_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The exceptions raised per clearing date and category, counted again by each reconciliation of the
-- date when it completes (exceptions are never deleted, so a total only grows).
CREATE TABLE recon_exception_total (
	clearing_date DATE NOT NULL,
	category VARCHAR(20) NOT NULL,
	raised BIGINT NOT NULL,
	PRIMARY KEY (clearing_date, category)
);

INSERT INTO recon_exception_total (clearing_date, category, raised)
SELECT clearing_date, category, COUNT(*) FROM recon_exception GROUP BY clearing_date, category;

-- The open exceptions with their amounts, read by category without touching the resolved ones (they
-- pile up year after year): on 1.1 million exceptions, 110,000 of them open, the grouped count and sum
-- of the open ones took 200-210 ms as a scan of the table and 20-38 ms from this index alone (3 runs
-- each, 2026-12-05).
CREATE INDEX recon_exception_open_amounts ON recon_exception (category, amount_fen) WHERE status = 'OPEN';
