-- The renewal lists are published once, when the window opens: a later run of the job leaves the
-- published files as they are (they are what the institutions were sent that day; renewals since would
-- shrink them) and reports the counts recorded here. Windows opened before this column existed report 0.
ALTER TABLE renewal_window ADD COLUMN institutions INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE renewal_window ADD COLUMN cards INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE renewal_window ADD COLUMN eligible INTEGER DEFAULT 0 NOT NULL;
