-- An UNPAID_RECHARGE raised on the date or in the three days before it is RESOLVED when its payment arrives
-- (on its own date too: a payment file of that date that was complete only at a later run of it). One whose
-- reference an earlier top-up carries stays OPEN: that payment is the earlier top-up's (unpaid-recharges.sql).
UPDATE recon_exception SET status = 'RESOLVED', resolved_on = :date
WHERE category = 'UNPAID_RECHARGE' AND status = 'OPEN'
  AND clearing_date >= :windowStart AND clearing_date <= :date
  AND EXISTS (SELECT 1 FROM payment_row p WHERE p.payment_ref = recon_exception.payment_ref
              AND p.payment_type = 'PAYMENT' AND p.clearing_date <= :date)
  AND NOT EXISTS (SELECT 1 FROM (TOPUPS) e WHERE e.payment_ref = recon_exception.payment_ref
                  AND (e.clearing_date < recon_exception.clearing_date
                       OR (e.clearing_date = recon_exception.clearing_date
                           AND (e.source_file < recon_exception.source_file
                                OR (e.source_file = recon_exception.source_file
                                    AND e.source_line < recon_exception.source_line)))))
