-- The business figures of /actuator/prometheus (BusinessFigures), in one statement over small tables:
-- the totals each partner file and roster upload keeps (a few rows a day), the files rejected, the
-- exceptions raised per date and category, the open exceptions through their own index, the desk's cases
-- not closed per category and age (AgeBucket: :young, :week and :month are the oldest clearing dates of
-- its first three buckets; through their own index on PostgreSQL, V38), the settlement
-- files, and the partners of the reference data. Never a count over the ledger or a year of exceptions.
-- Each row: figure, key (a kind, category or role), partner, outcome, a count, and the rows taken in
-- and set aside (or an amount in fen).
SELECT 'file' AS figure, kind AS figure_key, partner, status AS outcome, COUNT(*) AS n,
       COALESCE(SUM(records - COALESCE(rejected_rows, 0)), 0) AS loaded, COALESCE(SUM(rejected_rows), 0) AS rejected
FROM inbox_file
GROUP BY kind, partner, status
UNION ALL
SELECT 'file', 'roster', institution, status, COUNT(*),
       COALESCE(SUM(CASE WHEN status = 'COMPLETED' THEN accepted_rows ELSE 0 END), 0), COALESCE(SUM(rejected_rows), 0)
FROM roster_import
WHERE status IN ('COMPLETED', 'REJECTED', 'HELD')
GROUP BY institution, status
UNION ALL
SELECT 'superseded', kind, partner, 'REJECTED', COUNT(*), 0, 0
FROM inbox_file_rejection
GROUP BY kind, partner
UNION ALL
SELECT 'same-name', file_name, NULL, 'REJECTED', COUNT(*), 0, 0
FROM inbox_reject
GROUP BY file_name
UNION ALL
SELECT 'raised', category, NULL, NULL, SUM(raised), 0, 0
FROM recon_exception_total
GROUP BY category
UNION ALL
SELECT 'open', category, NULL, NULL, COUNT(*), SUM(amount_fen), 0
FROM recon_exception
WHERE status = 'OPEN'
GROUP BY category
UNION ALL
SELECT 'desk', category, age, NULL, COUNT(*), SUM(ABS(amount_fen)), 0
FROM (
  SELECT category, amount_fen, CASE WHEN clearing_date >= :young THEN '0-1' WHEN clearing_date >= :week THEN '2-7'
    WHEN clearing_date >= :month THEN '8-30' ELSE 'over 30' END AS age
  FROM recon_exception
  WHERE case_state <> 'CLOSED'
) desk_case
GROUP BY category, age
UNION ALL
SELECT 'settled', role, NULL, NULL, COUNT(*), SUM(CASE WHEN net_fen > 0 THEN net_fen ELSE 0 END), 0
FROM settlement_file
WHERE role <> 'SUMMARY'
GROUP BY role
UNION ALL
SELECT 'partner', role, partner_code, NULL, 0, 0, 0
FROM partner
