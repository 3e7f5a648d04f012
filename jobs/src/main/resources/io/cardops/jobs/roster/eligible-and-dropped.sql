-- Students eligible at the new file's date under the current snapshot, and how many of them are
-- absent from the new upload's accepted rows (domain.md, "Roster safety rules").
SELECT COUNT(*) AS eligible,
       COALESCE(SUM(CASE WHEN n.student_no IS NULL THEN 1 ELSE 0 END), 0) AS dropped
FROM roster_entry c
LEFT JOIN roster_entry n ON n.import_id = :newImport AND n.student_no = c.student_no
WHERE c.import_id = :currentImport
  AND c.status = 'ENROLLED'
  AND c.salaried = FALSE
  AND c.expected_graduation >= :fileDate
