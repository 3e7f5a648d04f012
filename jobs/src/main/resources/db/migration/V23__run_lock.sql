-- What runs of different dates share, held by one run at a time (RunLocks). Each
-- resource has one row for good; a run takes it by writing itself in as the holder
-- while it is free (holder_token NULL) or its holder's process is dead, and frees it
-- when it ends. Reconciling a date carries every card's balance and sequence over from
-- the dates before it in card_ledger (and stages them in card_ledger_stage), so two
-- dates reconciled at once overwrite each other's balances.
CREATE TABLE run_lock (
	resource VARCHAR(40) NOT NULL PRIMARY KEY,
	holder_token VARCHAR(36),
	holder_job VARCHAR(40),
	holder_date DATE,
	owner_host VARCHAR(255),
	owner_pid BIGINT,
	started_at TIMESTAMP WITH TIME ZONE,
	heartbeat_at TIMESTAMP WITH TIME ZONE
);

INSERT INTO run_lock (resource) VALUES ('card-ledger');
