-- card-events reads, for each chunk of a thousand events, how their students stand on their
-- institutions' current rosters. The entries' key starts with the import, and a list of
-- student numbers on its second column is no index condition for H2: every chunk read the
-- whole current roster (a 100,000-event day took minutes). Looked up by student number, the
-- rows of other imports are left out by the job.
CREATE INDEX roster_entry_by_student ON roster_entry (student_no);
