-- The card events of a run, staged from its files and judged a chunk at a time in
-- occurred_at, event_id order (issue 20: a day's events no longer have to fit in memory).
-- Rows live only inside the run's transaction: the run deletes them before it commits, so
-- a crashed run leaves nothing here and its restart stages its files again.
-- occurred_at is kept as epoch second and nanosecond so that the order is the instant's
-- exactly, whatever precision the database keeps for timestamps.
CREATE TABLE card_event_stage (
	channel VARCHAR(16) NOT NULL,
	event_id VARCHAR(64) NOT NULL,
	event VARCHAR(12) NOT NULL,
	occurred_second BIGINT NOT NULL,
	occurred_nano INTEGER NOT NULL,
	card_no CHAR(19) NOT NULL,
	institution VARCHAR(16) NOT NULL,
	student_no VARCHAR(32) NOT NULL,
	device VARCHAR(8),
	refund_fen BIGINT,
	source_file VARCHAR(255) NOT NULL,
	source_line INTEGER NOT NULL,
	PRIMARY KEY (source_file, source_line)
);

CREATE INDEX card_event_stage_in_order ON card_event_stage (occurred_second, occurred_nano, event_id, source_file,
	source_line);
CREATE INDEX card_event_stage_by_id ON card_event_stage (event_id);
