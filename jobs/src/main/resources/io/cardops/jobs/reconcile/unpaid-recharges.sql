-- UNPAID_RECHARGE: a top-up of the date with no PAYMENT of its reference (yet), or whose reference an
-- earlier top-up already carries: a payment backs one top-up, the first in the judging's order (clearing
-- date, file, line), as the first arrival keeps a card_seq; a second top-up naming it is not paid by it,
-- and the channel is liable for it as for any top-up without a payment. So is it for an app channel's
-- top-up without a payment_ref: only a COUNTER top-up is cash (files.md: payment_ref "empty for cash at a
-- COUNTER"); no payment can ever match it, and it stays OPEN for the desk. The date's top-ups are read
-- once either way (one scan of the date's rows).
INSERT INTO recon_exception (clearing_date, category, status, partner, card_no, card_seq, source_file, source_line,
                             amount_fen, detail, payment_ref)
SELECT :date, 'UNPAID_RECHARGE', 'OPEN', s.partner, s.card_no, s.card_seq, s.source_file, s.source_line, s.amount_fen,
       CASE WHEN s.payment_ref IS NULL THEN 'no payment_ref: a top-up through ' || s.partner
                 || ' is paid through the app (only a COUNTER top-up is cash)'
            WHEN s.shared = 1 THEN 'payment ' || s.payment_ref || ' backs an earlier top-up already'
            ELSE 'no payment ' || s.payment_ref END, s.payment_ref
FROM (SELECT t.partner, t.card_no, t.card_seq, t.source_file, t.source_line, t.amount_fen, t.payment_ref,
             CASE WHEN EXISTS (SELECT 1 FROM (TOPUPS) e WHERE e.payment_ref = t.payment_ref
                               AND (e.clearing_date < t.clearing_date
                                    OR (e.clearing_date = t.clearing_date AND (e.source_file < t.source_file
                                        OR (e.source_file = t.source_file AND e.source_line < t.source_line)))))
                  THEN 1 ELSE 0 END AS shared
      FROM (SELECT r.source_file, r.source_line, r.clearing_date, r.partner, r.card_no, r.card_seq, r.amount_fen,
                   r.payment_ref
            FROM ledger_accepted r
            WHERE r.kind = 'R' AND (r.payment_ref IS NOT NULL OR r.partner <> 'COUNTER')) t
      WHERE t.clearing_date = :date) s
WHERE (s.shared = 1
       OR NOT EXISTS (SELECT 1 FROM payment_row p WHERE p.payment_ref = s.payment_ref AND p.payment_type = 'PAYMENT'
                      AND p.clearing_date <= :date))
  AND NOT EXISTS (SELECT 1 FROM recon_exception x WHERE x.category = 'UNPAID_RECHARGE'
                  AND x.source_file = s.source_file AND x.source_line = s.source_line)
