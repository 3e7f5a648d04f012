-- exceptions_<D>.csv: the exceptions raised for D with their status now, and earlier ones D resolved.
SELECT clearing_date, category, status, partner, card_no, card_seq, source_file, source_line, amount_fen, detail
FROM recon_exception
WHERE clearing_date = :date OR resolved_on = :date
ORDER BY clearing_date, source_file, source_line, category
