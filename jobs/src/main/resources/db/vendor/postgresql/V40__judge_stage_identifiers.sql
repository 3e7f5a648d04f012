-- The judging's stage compares card numbers and file names byte by byte, as the tables it is moved
-- into do (V21).
ALTER TABLE judge_stage_judgment ALTER COLUMN card_no TYPE CHAR(19) COLLATE "C";
ALTER TABLE judge_stage_judgment ALTER COLUMN source_file TYPE VARCHAR(255) COLLATE "C";
ALTER TABLE judge_stage_exception ALTER COLUMN card_no TYPE VARCHAR(64) COLLATE "C";
ALTER TABLE judge_stage_exception ALTER COLUMN source_file TYPE VARCHAR(255) COLLATE "C";
ALTER TABLE judge_stage_ledger ALTER COLUMN card_no TYPE CHAR(19) COLLATE "C";
