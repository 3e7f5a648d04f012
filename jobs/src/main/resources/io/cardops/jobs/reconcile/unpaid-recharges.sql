-- UNPAID_RECHARGE: a top-up of the date with no PAYMENT of its reference (yet).
INSERT INTO recon_exception (clearing_date, category, status, partner, card_no, card_seq, source_file, source_line,
                             amount_fen, detail, payment_ref)
SELECT :date, 'UNPAID_RECHARGE', 'OPEN', t.partner, t.card_no, t.card_seq, t.source_file, t.source_line, t.amount_fen,
       'no payment ' || t.payment_ref, t.payment_ref
FROM (TOPUPS) t
WHERE t.clearing_date = :date
  AND NOT EXISTS (SELECT 1 FROM payment_row p WHERE p.payment_ref = t.payment_ref AND p.payment_type = 'PAYMENT'
                  AND p.clearing_date <= :date)
  AND NOT EXISTS (SELECT 1 FROM recon_exception x WHERE x.category = 'UNPAID_RECHARGE'
                  AND x.source_file = t.source_file AND x.source_line = t.source_line)
