-- AMOUNT_MISMATCH: a top-up and its payment differ in amount; raised by the run in which the later of the
-- two arrives, at the top-up. As for UNPAID_RECHARGE and UNLOADED_PAYMENT, a counterpart of any earlier
-- date is a match when an item first arrives (the three-day window limits only resolving). The payment's
-- amount is said in yuan (a PAYMENT's amount is positive: files.md), as every amount a person reads.
INSERT INTO recon_exception (clearing_date, category, status, partner, card_no, card_seq, source_file, source_line,
                             amount_fen, detail, payment_ref)
SELECT :date, 'AMOUNT_MISMATCH', 'OPEN', t.partner, t.card_no, t.card_seq, t.source_file, t.source_line,
       t.amount_fen - p.amount_fen, 'payment ' || p.payment_ref || ' is '
         || CAST(p.amount_fen / 100 AS VARCHAR(20)) || '.' || LPAD(CAST(MOD(p.amount_fen, 100) AS VARCHAR(2)), 2, '0')
         || ' yuan', t.payment_ref
FROM (TOPUPS) t
JOIN payment_row p ON p.payment_ref = t.payment_ref AND p.payment_type = 'PAYMENT'
WHERE p.amount_fen <> t.amount_fen
  AND ((t.clearing_date = :date AND p.clearing_date <= :date) OR (p.clearing_date = :date AND t.clearing_date < :date))
  AND NOT EXISTS (SELECT 1 FROM payment_row f WHERE f.payment_type = 'REFUND' AND f.original_ref = t.payment_ref
                  AND f.clearing_date <= :date)
  AND NOT EXISTS (SELECT 1 FROM recon_exception x WHERE x.category = 'AMOUNT_MISMATCH'
                  AND x.source_file = t.source_file AND x.source_line = t.source_line)
