-- The nightly chain is a Spring Batch job (nightlyChainJob, issue 23): its runs, steps
-- and restarts are recorded in Spring Batch's tables and job_run like every job's, and
-- its guard is the job's own (one live run per business key) with the card ledger's run
-- lock. The hand-written records of issue 6 go; runs before this version keep their jobs'
-- rows in job_run.
DROP TABLE schedule_lock;
DROP TABLE schedule_run;

-- What started a run: QUARTZ, RECOVERY (a node took over a dead node's firing), CLI
-- (cardops schedules trigger), PORTAL; the chain's jobs carry the chain's. NULL for a run
-- started directly (cardops run, an upload).
ALTER TABLE job_run ADD COLUMN source VARCHAR(16);
