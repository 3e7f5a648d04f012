-- REFUNDED_BUT_LOADED: a top-up whose payment was refunded; raised by the run in which the later of the
-- top-up and the refund arrives, at the top-up.
INSERT INTO recon_exception (clearing_date, category, status, partner, card_no, card_seq, source_file, source_line,
                             amount_fen, detail, payment_ref)
SELECT :date, 'REFUNDED_BUT_LOADED', 'OPEN', t.partner, t.card_no, t.card_seq, t.source_file, t.source_line,
       t.amount_fen, 'payment ' || t.payment_ref || ' refunded by ' || f.payment_ref, t.payment_ref
FROM (TOPUPS) t
JOIN payment_row f ON f.payment_type = 'REFUND' AND f.original_ref = t.payment_ref
WHERE ((t.clearing_date = :date AND f.clearing_date <= :date) OR (f.clearing_date = :date AND t.clearing_date < :date))
  AND NOT EXISTS (SELECT 1 FROM recon_exception x WHERE x.category = 'REFUNDED_BUT_LOADED'
                  AND x.source_file = t.source_file AND x.source_line = t.source_line)
