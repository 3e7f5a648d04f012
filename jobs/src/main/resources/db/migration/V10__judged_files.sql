-- The judging takes a tap or recharge file's rows once, all in one run: the file records when, so that
-- finding the rows not judged yet reads the day's files instead of every judgment ever made (that
-- search grew with the history, night after night). Files judged before this migration are marked.
ALTER TABLE inbox_file ADD COLUMN judged_at TIMESTAMP WITH TIME ZONE;

UPDATE inbox_file SET judged_at = received_at
WHERE kind IN ('taps', 'recharges')
  AND EXISTS (SELECT 1 FROM ledger_judgment j WHERE j.source_file = inbox_file.file_name);
