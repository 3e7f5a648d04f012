-- Every inbound file the back office has taken in or turned away, by name: a file already loaded
-- (same name, same sha256) is never loaded twice, and the same name with other content is rejected.
CREATE TABLE inbox_file (
	file_name VARCHAR(255) NOT NULL PRIMARY KEY,
	kind VARCHAR(16) NOT NULL,
	partner VARCHAR(16) NOT NULL,
	clearing_date DATE NOT NULL,
	sha256 CHAR(64) NOT NULL,
	records INTEGER,
	status VARCHAR(12) NOT NULL,
	reason VARCHAR(1000),
	received_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX inbox_file_by_date ON inbox_file (clearing_date, kind);

-- A file turned away while an earlier file of the same name was loaded (same name, other content):
-- reported on the date it arrived, without touching the loaded file's record.
CREATE TABLE inbox_reject (
	clearing_date DATE NOT NULL,
	file_name VARCHAR(255) NOT NULL,
	sha256 CHAR(64) NOT NULL,
	reason VARCHAR(1000) NOT NULL,
	received_at TIMESTAMP WITH TIME ZONE NOT NULL,
	PRIMARY KEY (clearing_date, file_name, sha256)
);

-- The card master.
CREATE TABLE card (
	card_no CHAR(19) NOT NULL PRIMARY KEY,
	institution VARCHAR(16) NOT NULL,
	student_no VARCHAR(32) NOT NULL,
	channel VARCHAR(16) NOT NULL,
	device VARCHAR(8) NOT NULL,
	state VARCHAR(8) NOT NULL,
	issued_at TIMESTAMP WITH TIME ZONE NOT NULL,
	valid_until DATE NOT NULL,
	state_since TIMESTAMP WITH TIME ZONE NOT NULL,
	refund_fen BIGINT
);

CREATE INDEX card_by_holder ON card (institution, student_no);
CREATE INDEX card_by_state ON card (state, valid_until);

-- Where each card's offline ledger stands (last card_seq and balance); a new card starts at seq 0
-- with balance 0 and reconciliation carries it forward.
CREATE TABLE card_ledger (
	card_no CHAR(19) NOT NULL PRIMARY KEY,
	last_seq BIGINT NOT NULL,
	balance_fen BIGINT NOT NULL,
	updated_on DATE NOT NULL
);

-- Every applied card event, with the card's state and validity before and after it.
CREATE TABLE card_event (
	channel VARCHAR(16) NOT NULL,
	event_id VARCHAR(64) NOT NULL,
	event VARCHAR(12) NOT NULL,
	occurred_at TIMESTAMP WITH TIME ZONE NOT NULL,
	card_no CHAR(19) NOT NULL,
	institution VARCHAR(16) NOT NULL,
	student_no VARCHAR(32) NOT NULL,
	device VARCHAR(8),
	refund_fen BIGINT,
	clearing_date DATE NOT NULL,
	source_file VARCHAR(255) NOT NULL,
	source_line INTEGER NOT NULL,
	state_before VARCHAR(8),
	state_after VARCHAR(8) NOT NULL,
	valid_until_before DATE,
	valid_until_after DATE NOT NULL,
	PRIMARY KEY (channel, event_id)
);

CREATE INDEX card_event_by_card ON card_event (card_no, occurred_at);
CREATE INDEX card_event_by_date ON card_event (clearing_date);

-- Events turned away, with the reason, for cardevent_rejects_<D>.csv.
CREATE TABLE card_event_reject (
	clearing_date DATE NOT NULL,
	source_file VARCHAR(255) NOT NULL,
	source_line INTEGER NOT NULL,
	event_id VARCHAR(64),
	card_no VARCHAR(64),
	reason VARCHAR(1000) NOT NULL,
	PRIMARY KEY (source_file, source_line)
);

CREATE INDEX card_event_reject_by_date ON card_event_reject (clearing_date);

-- Cards the expiry job expired, by run date (expired_cards_<D>.csv is this table's rows for D).
CREATE TABLE card_expiry (
	card_no CHAR(19) NOT NULL,
	run_date DATE NOT NULL,
	valid_until DATE NOT NULL,
	PRIMARY KEY (card_no, run_date)
);

CREATE INDEX card_expiry_by_date ON card_expiry (run_date);

-- The renewal window of each year, once opened.
CREATE TABLE renewal_window (
	window_year INTEGER NOT NULL PRIMARY KEY,
	opened_on DATE NOT NULL,
	opened_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The gates' blocklist: every published version, the entries of the latest one, and what each version
-- changed (its delta), which is the history of the list.
CREATE TABLE hotlist_version (
	version BIGINT NOT NULL PRIMARY KEY,
	clearing_date DATE NOT NULL,
	published_at TIMESTAMP WITH TIME ZONE NOT NULL,
	blocked INTEGER NOT NULL,
	added INTEGER NOT NULL,
	removed INTEGER NOT NULL
);

CREATE TABLE hotlist_entry (
	card_no CHAR(19) NOT NULL PRIMARY KEY,
	reason VARCHAR(8) NOT NULL,
	since TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE TABLE hotlist_change (
	version BIGINT NOT NULL,
	card_no CHAR(19) NOT NULL,
	action VARCHAR(8) NOT NULL,
	reason VARCHAR(8) NOT NULL,
	since TIMESTAMP WITH TIME ZONE NOT NULL,
	PRIMARY KEY (version, card_no)
);
