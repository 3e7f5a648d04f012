-- The judging runs in partitions (Spring Batch partition steps, on threads or on worker processes):
-- each partition judges the cards of its class and stages what it found here, in its own transaction,
-- together with its judge_partition row; then one step (judgeLedgerStep) moves every partition's
-- results into ledger_judgment, recon_exception and card_ledger, marks the files judged and clears the
-- stage, in one transaction. A partition run again (a worker killed, a restart, a message delivered
-- twice) replaces its own stage rows, and a partition whose row names the same files_key is not run
-- again, so nothing is counted twice. Nothing staged is visible to settlement or the desk.
-- files_key identifies what a partition judged: the date's files not judged yet and the last time any
-- file was judged (so a stage left by a run that another date's judging overtook is judged again).
CREATE TABLE judge_partition (
	judged_date DATE NOT NULL,
	part INTEGER NOT NULL,
	parts INTEGER NOT NULL,
	files_key VARCHAR(64) NOT NULL,
	rows_judged BIGINT NOT NULL,
	judged_by VARCHAR(255) NOT NULL,
	judged_at TIMESTAMP WITH TIME ZONE NOT NULL,
	PRIMARY KEY (judged_date, part)
);

CREATE TABLE judge_stage_judgment (
	judged_date DATE NOT NULL,
	part INTEGER NOT NULL,
	source_file VARCHAR(255) NOT NULL,
	source_line INTEGER NOT NULL,
	clearing_date DATE NOT NULL,
	disposition VARCHAR(10) NOT NULL,
	settlement VARCHAR(8) NOT NULL,
	card_no CHAR(19) NOT NULL,
	card_seq BIGINT NOT NULL
);

CREATE INDEX judge_stage_judgment_part ON judge_stage_judgment (judged_date, part);

CREATE TABLE judge_stage_exception (
	judged_date DATE NOT NULL,
	part INTEGER NOT NULL,
	clearing_date DATE NOT NULL,
	category VARCHAR(20) NOT NULL,
	status VARCHAR(8) NOT NULL,
	partner VARCHAR(16) NOT NULL,
	card_no VARCHAR(64),
	card_seq VARCHAR(64),
	source_file VARCHAR(255) NOT NULL,
	source_line INTEGER NOT NULL,
	amount_fen BIGINT NOT NULL,
	detail VARCHAR(500),
	gap_from BIGINT,
	gap_to BIGINT,
	payment_ref VARCHAR(64)
);

CREATE INDEX judge_stage_exception_part ON judge_stage_exception (judged_date, part);

-- Where each judged card's ledger stands after the partition's walk (replaces card_ledger_stage, which
-- one transaction filled and emptied).
CREATE TABLE judge_stage_ledger (
	judged_date DATE NOT NULL,
	part INTEGER NOT NULL,
	card_no CHAR(19) NOT NULL,
	last_seq BIGINT NOT NULL,
	balance_fen BIGINT NOT NULL,
	updated_on DATE NOT NULL
);

CREATE INDEX judge_stage_ledger_part ON judge_stage_ledger (judged_date, part);

DROP TABLE card_ledger_stage;
