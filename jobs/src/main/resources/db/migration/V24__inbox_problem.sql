-- Inbox entries meant as partner files that no job can take (issue 20): a folder or an unreadable file
-- named like one, or a name that breaks the pattern (taps_BJBUS_20261013_1.csv). One row per name, kept
-- until a file of that name is taken; clearing_date is the date the name carries, null when none can be
-- read (such an entry is warned about by every run of its kind while it stays in the inbox).
CREATE TABLE inbox_problem (
	file_name VARCHAR(255) NOT NULL PRIMARY KEY,
	kind VARCHAR(16) NOT NULL,
	clearing_date DATE,
	reason VARCHAR(1000) NOT NULL,
	found_at TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX inbox_problem_by_date ON inbox_problem (clearing_date, kind);
