-- card-events judges a chunk of events at a time (V29) and reads, for each chunk, the ACTIVE
-- cards of its students and the events already applied under its event ids. Neither lookup
-- names the leading column of an existing index (card_by_holder starts with the institution,
-- card_event's key with the channel), so each chunk scanned every ACTIVE card and every event
-- ever applied: a day of 100,000 issues took 44 s, and the time grew with the square of the day.
CREATE INDEX card_by_student ON card (student_no);
CREATE INDEX card_event_by_event_id ON card_event (event_id);
