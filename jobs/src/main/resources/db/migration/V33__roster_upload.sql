-- Roster uploads through the portal (shared/spec/http.md, "Rosters"): one row per upload whose file name
-- passed the roster name pattern, whatever became of it. The bytes are kept under stored_name, a path
-- under the uploads folder (cardops.uploads) the server chose (the upload id, then the canonical roster
-- name rebuilt from the parsed institution and date, never the client's text); the import is the
-- roster-import job's own roster_import row.
--   file_name       the name as the client sent it (it matched roster_<INSTITUTION>_<YYYYMMDD>.csv)
--   status          RUNNING while the import runs, then COMPLETED, NOOP, REJECTED, HELD or FAILED
--   reason          a sentence the university can act on (never an identity number)
--   rejects_name    the copy of the published rejects file kept with the upload, byte for byte (a later
--                   upload of the same date replaces the outbox's), under the uploads folder
--   forced_by/at    who applied a HELD upload as --force does, and when
CREATE SEQUENCE roster_upload_seq;

CREATE TABLE roster_upload (
	upload_id BIGINT NOT NULL PRIMARY KEY,
	institution VARCHAR(16) NOT NULL,
	file_name VARCHAR(255) NOT NULL,
	snapshot_date DATE NOT NULL,
	stored_name VARCHAR(255),
	sha256 CHAR(64),
	bytes BIGINT,
	charset VARCHAR(16) NOT NULL,
	uploaded_at TIMESTAMP WITH TIME ZONE NOT NULL,
	uploaded_by VARCHAR(128) NOT NULL,
	source_address VARCHAR(64) NOT NULL,
	status VARCHAR(12) NOT NULL,
	import_id BIGINT REFERENCES roster_import (import_id),
	reason VARCHAR(2000),
	rejects_name VARCHAR(255),
	rejects_sha256 CHAR(64),
	forced_by VARCHAR(128),
	forced_at TIMESTAMP WITH TIME ZONE
);

CREATE INDEX roster_upload_by_institution ON roster_upload (institution, upload_id);

-- A longer reason: a refused file's reason now says what the university should do about it.
ALTER TABLE roster_import ALTER COLUMN reason SET DATA TYPE VARCHAR(2000);
