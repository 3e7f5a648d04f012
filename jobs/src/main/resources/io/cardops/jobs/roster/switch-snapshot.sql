-- Moves the institution's roster to the new snapshot, only if it still points where this import saw
-- it (two imports of one institution racing cannot both win).
UPDATE roster_current
SET import_id = :newImport, file_date = :fileDate, applied_at = :appliedAt
WHERE institution = :institution AND import_id = :currentImport
