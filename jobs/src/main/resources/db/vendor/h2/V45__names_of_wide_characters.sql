-- H2 measures a VARCHAR in UTF-16 units, PostgreSQL in characters. A name the readers take (a line,
-- a station or a device of 1-32 characters, a partner's name of up to 200: files.md) written in
-- characters outside the basic plane (𠮷) takes two units each, and a tap file with one such name
-- failed its whole date on the embedded database ("Value too long for column"). The columns get the
-- units such a name needs.
ALTER TABLE ledger_row ALTER COLUMN line_name SET DATA TYPE VARCHAR(64);
ALTER TABLE ledger_row ALTER COLUMN station SET DATA TYPE VARCHAR(64);
ALTER TABLE ledger_row ALTER COLUMN device_id SET DATA TYPE VARCHAR(64);
ALTER TABLE partner ALTER COLUMN name SET DATA TYPE VARCHAR(400);
