-- Every settlement published for a clearing date. A re-run with the same inputs writes the same
-- bytes and adds no version; a re-run after the inputs changed adds the next version, and the
-- earlier versions' files and totals stay here.
CREATE TABLE settlement_version (
	clearing_date DATE NOT NULL,
	version INTEGER NOT NULL,
	published_at TIMESTAMP WITH TIME ZONE NOT NULL,
	job_execution_id BIGINT NOT NULL,
	fingerprint CHAR(64) NOT NULL,
	files INTEGER NOT NULL,
	PRIMARY KEY (clearing_date, version)
);

-- The files of a version, each partner file with the figures of its summary row; the summary file
-- itself is listed with role SUMMARY, no partner and zero figures (its rows are the others).
CREATE TABLE settlement_file (
	clearing_date DATE NOT NULL,
	version INTEGER NOT NULL,
	file_name VARCHAR(255) NOT NULL,
	partner VARCHAR(16),
	role VARCHAR(16) NOT NULL,
	records INTEGER NOT NULL,
	items BIGINT NOT NULL,
	gross_fen BIGINT NOT NULL,
	deductions_fen BIGINT NOT NULL,
	net_fen BIGINT NOT NULL,
	direction VARCHAR(24),
	sha256 CHAR(64) NOT NULL,
	PRIMARY KEY (clearing_date, version, file_name)
);
