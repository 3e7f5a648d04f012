-- How far each job execution has got (issue 20): its current step, or the last one it ran, and that
-- step's counts (taps=1234567 recharges=0 ...), written by the process that runs it when the step
-- starts, every two seconds while it runs, and when it ends, each time in a transaction of its own
-- (ProgressListener). Spring Batch writes a tasklet step's counts only when the step's transaction
-- commits, so `cardops runs` reads these instead: from any node, while the step runs, and after its
-- process died (the last counts written stay).
CREATE TABLE run_progress (
	job_execution_id BIGINT NOT NULL PRIMARY KEY,
	step_name VARCHAR(100) NOT NULL,
	counts VARCHAR(1000) NOT NULL,
	rows_done BIGINT NOT NULL,
	step_started_at TIMESTAMP WITH TIME ZONE NOT NULL,
	updated_at TIMESTAMP WITH TIME ZONE NOT NULL
);
