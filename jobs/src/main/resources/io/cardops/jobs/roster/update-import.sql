UPDATE roster_import
SET sha256 = :sha256, status = :status, data_rows = :dataRows, accepted_rows = :acceptedRows,
    rejected_rows = :rejectedRows, eligible_before = :eligibleBefore, dropped_students = :droppedStudents,
    reason = :reason, finished_at = :finishedAt
WHERE import_id = :importId
