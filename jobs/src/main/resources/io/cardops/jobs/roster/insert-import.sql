INSERT INTO roster_import (import_id, institution, file_name, file_date, charset, forced, status, job_instance_id, started_at)
VALUES (:importId, :institution, :fileName, :fileDate, :charset, :forced, 'LOADING', :jobInstanceId, :startedAt)
