-- The bytes of every settlement file published, and of its .ctl (file_name ending in .ctl), per version:
-- the outbox holds only the latest version of a date, and finance downloads earlier versions byte for
-- byte (http.md, "Settlement"). Written by the settle job in the transaction that records the version.
-- Versions published before this migration are archived when their outbox file is read and its SHA-256
-- still equals settlement_file.sha256; a version the outbox no longer holds is "not archived".
CREATE TABLE settlement_file_content (
	clearing_date DATE NOT NULL,
	version INTEGER NOT NULL,
	file_name VARCHAR(255) NOT NULL,
	content BYTEA NOT NULL,
	PRIMARY KEY (clearing_date, version, file_name)
);

-- A loaded tap, recharge or payment file's control sum (the .ctl's sum_fen, an integer of any size), so
-- that settlement can show per operator what it claimed against what it is paid. The sum a file was
-- loaded with equals its readable amounts (files.md), so for files loaded before this column existed it
-- is the sum of their rows when none was malformed; with a malformed row the cells that broke are not
-- stored, and the claim stays unknown (null).
ALTER TABLE inbox_file ADD COLUMN control_sum_fen NUMERIC;

UPDATE inbox_file SET control_sum_fen = (SELECT COALESCE(SUM(r.charged_fen), 0) FROM ledger_row r
    WHERE r.source_file = inbox_file.file_name)
WHERE status = 'LOADED' AND kind = 'taps' AND rejected_rows = 0;

UPDATE inbox_file SET control_sum_fen = (SELECT COALESCE(SUM(r.amount_fen), 0) FROM ledger_row r
    WHERE r.source_file = inbox_file.file_name)
WHERE status = 'LOADED' AND kind = 'recharges' AND rejected_rows = 0;

UPDATE inbox_file SET control_sum_fen = (SELECT COALESCE(SUM(p.amount_fen), 0) FROM payment_row p
    WHERE p.source_file = inbox_file.file_name)
WHERE status = 'LOADED' AND kind = 'payments' AND rejected_rows = 0;
