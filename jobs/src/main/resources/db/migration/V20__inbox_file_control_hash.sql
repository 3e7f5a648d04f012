-- The SHA-256 of the control file a file was taken in with. A file rejected whole was never loaded, so
-- when its sender corrects the control file alone (same data, new .ctl) the next run takes it again;
-- files recorded before this column existed keep their verdict.
ALTER TABLE inbox_file ADD COLUMN control_sha256 CHAR(64);
