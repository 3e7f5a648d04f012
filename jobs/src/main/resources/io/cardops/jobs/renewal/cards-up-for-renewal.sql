-- The ACTIVE and EXPIRED cards valid until September 30 of the window's year, with their holder's row in
-- the institution's latest roster (none when the student is no longer on it).
SELECT c.institution, c.card_no, c.student_no, c.valid_until, e.status, e.salaried, e.expected_graduation, e.name
FROM card c
LEFT JOIN roster_current rc ON rc.institution = c.institution
LEFT JOIN roster_entry e ON e.import_id = rc.import_id AND e.student_no = c.student_no
WHERE c.valid_until = :validUntil AND c.state IN ('ACTIVE', 'EXPIRED')
ORDER BY c.institution, c.card_no
