-- What a file taken in was warned about (an unknown column ignored, files.md), reported with the run of
-- its date; null when nothing was.
ALTER TABLE inbox_file ADD COLUMN warnings VARCHAR(1000);
