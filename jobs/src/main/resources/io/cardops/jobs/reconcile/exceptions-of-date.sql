-- exceptions_<D>.csv: the exceptions raised for D and the earlier ones D resolved, each with its status
-- at the end of D's run (files.md): one resolved by a later date shows OPEN here, so re-running D after
-- later dates writes the same bytes as D's first run.
SELECT clearing_date, category,
       CASE WHEN status = 'RESOLVED' AND resolved_on <= :date THEN 'RESOLVED' ELSE 'OPEN' END AS status,
       partner, card_no, card_seq, source_file, source_line, amount_fen, detail
FROM recon_exception
WHERE clearing_date = :date OR resolved_on = :date
ORDER BY clearing_date, source_file, source_line, category
