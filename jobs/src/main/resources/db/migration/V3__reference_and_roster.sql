-- Reference data: partners and fare rules, loaded from CSV (reference data is data, not code).
CREATE TABLE partner (
	partner_code VARCHAR(16) NOT NULL PRIMARY KEY,
	role VARCHAR(16) NOT NULL,
	name VARCHAR(200) NOT NULL,
	commission_bp INTEGER,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE fare_rule (
	mode VARCHAR(8) NOT NULL,
	discount VARCHAR(8) NOT NULL,
	rate_bp INTEGER NOT NULL,
	min_balance_fen BIGINT NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL,
	PRIMARY KEY (mode, discount)
);

-- One row per roster upload attempt, whatever its outcome (the audit trail of what universities sent).
CREATE SEQUENCE roster_import_seq;

CREATE TABLE roster_import (
	import_id BIGINT NOT NULL PRIMARY KEY,
	institution VARCHAR(16) NOT NULL,
	file_name VARCHAR(255) NOT NULL,
	file_date DATE NOT NULL,
	sha256 CHAR(64),
	charset VARCHAR(16) NOT NULL,
	forced BOOLEAN NOT NULL,
	status VARCHAR(12) NOT NULL,
	data_rows INTEGER,
	accepted_rows INTEGER,
	rejected_rows INTEGER,
	eligible_before INTEGER,
	dropped_students INTEGER,
	reason VARCHAR(1000),
	job_instance_id BIGINT NOT NULL,
	started_at TIMESTAMP WITH TIME ZONE NOT NULL,
	finished_at TIMESTAMP WITH TIME ZONE
);

CREATE INDEX roster_import_by_content ON roster_import (institution, sha256, status);

CREATE UNIQUE INDEX roster_import_by_job ON roster_import (job_instance_id);

-- The accepted rows of every import. An institution's roster is the snapshot its roster_current row
-- points at; older snapshots stay as history. Identity numbers are never stored in clear: id_hash is
-- HMAC-SHA256 under the configured key, id_last4 helps support staff.
CREATE TABLE roster_entry (
	import_id BIGINT NOT NULL,
	student_no VARCHAR(32) NOT NULL,
	line_no INTEGER NOT NULL,
	name VARCHAR(256) NOT NULL,
	id_type VARCHAR(12) NOT NULL,
	id_hash CHAR(64) NOT NULL,
	id_last4 VARCHAR(4) NOT NULL,
	level VARCHAR(16) NOT NULL,
	salaried BOOLEAN NOT NULL,
	status VARCHAR(12) NOT NULL,
	enrolled_on DATE NOT NULL,
	expected_graduation DATE NOT NULL,
	PRIMARY KEY (import_id, student_no)
);

CREATE TABLE roster_current (
	institution VARCHAR(16) NOT NULL PRIMARY KEY,
	import_id BIGINT NOT NULL,
	file_date DATE NOT NULL,
	applied_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- What each job run reported (the summary line) and which process owns a running execution, so that a
-- run whose process died can be recognised and restarted.
CREATE TABLE job_run (
	job_execution_id BIGINT NOT NULL PRIMARY KEY,
	job VARCHAR(32) NOT NULL,
	business_key VARCHAR(300) NOT NULL,
	owner_host VARCHAR(255) NOT NULL,
	owner_pid BIGINT NOT NULL,
	heartbeat_at TIMESTAMP WITH TIME ZONE NOT NULL,
	outcome VARCHAR(12),
	summary VARCHAR(2000)
);

CREATE INDEX job_run_by_key ON job_run (job, business_key);
