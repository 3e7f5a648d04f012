-- What each step of a run found (the files it took in, the summary it reports), written in the step's own
-- transaction with its work, once per run (job instance). A process killed after a step's work committed but
-- before Spring Batch marked the step complete leaves the result here; the restart runs the step again,
-- finds nothing new, and reports what the first pass recorded instead of its own empty pass (StepResults).
CREATE TABLE step_result (
	job_instance_id BIGINT NOT NULL,
	step_name VARCHAR(100) NOT NULL,
	result_key VARCHAR(64) NOT NULL,
	result_value VARCHAR(4000),
	PRIMARY KEY (job_instance_id, step_name, result_key)
);
