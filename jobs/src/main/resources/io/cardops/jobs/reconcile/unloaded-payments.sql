-- UNLOADED_PAYMENT: a PAYMENT of the date with no top-up of its reference and no REFUND (yet); it points
-- at the payment row and has no card. A reference listed by more than one PAYMENT row (a statement sent
-- again under another name, or listing a payment twice) is one payment: only its first row (by clearing
-- date, file and line) raises the exception, so the money due back is counted once.
INSERT INTO recon_exception (clearing_date, category, status, partner, card_no, card_seq, source_file, source_line,
                             amount_fen, detail, payment_ref)
SELECT :date, 'UNLOADED_PAYMENT', 'OPEN', p.partner, NULL, NULL, p.source_file, p.source_line, p.amount_fen,
       'no top-up with payment_ref ' || p.payment_ref, p.payment_ref
FROM payment_row p
WHERE p.clearing_date = :date AND p.payment_type = 'PAYMENT'
  AND NOT EXISTS (SELECT 1 FROM (TOPUPS) t WHERE t.payment_ref = p.payment_ref AND t.clearing_date <= :date)
  AND NOT EXISTS (SELECT 1 FROM payment_row f WHERE f.payment_type = 'REFUND' AND f.original_ref = p.payment_ref
                  AND f.clearing_date <= :date)
  AND NOT EXISTS (SELECT 1 FROM recon_exception x WHERE x.category = 'UNLOADED_PAYMENT'
                  AND x.source_file = p.source_file AND x.source_line = p.source_line)
  AND NOT EXISTS (SELECT 1 FROM payment_row e WHERE e.payment_ref = p.payment_ref AND e.payment_type = 'PAYMENT'
                  AND (e.clearing_date < p.clearing_date
                       OR (e.clearing_date = p.clearing_date
                           AND (e.source_file < p.source_file
                                OR (e.source_file = p.source_file AND e.source_line < p.source_line)))))
