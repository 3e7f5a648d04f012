-- The nightly chain's run that started a job's run (its job execution id), NULL for a run
-- started otherwise: the board lists exactly the jobs a chain ran (a date settled again for
-- a release, of another date, is one of them; an upload of the same date while it ran is
-- not), and shows a running chain's progress as its running job's. Runs before this version
-- have none.
ALTER TABLE job_run ADD COLUMN chain_run BIGINT;
CREATE INDEX job_run_by_chain ON job_run (chain_run);
