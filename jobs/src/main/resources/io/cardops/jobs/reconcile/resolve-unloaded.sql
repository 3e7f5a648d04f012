-- An UNLOADED_PAYMENT raised on the date or in the three days before it is RESOLVED when its top-up or its
-- refund arrives (on its own date too: a file of that date that was complete only at a later run of it).
UPDATE recon_exception SET status = 'RESOLVED', resolved_on = :date
WHERE category = 'UNLOADED_PAYMENT' AND status = 'OPEN'
  AND clearing_date >= :windowStart AND clearing_date <= :date
  AND (EXISTS (SELECT 1 FROM (TOPUPS) t WHERE t.payment_ref = recon_exception.payment_ref AND t.clearing_date <= :date)
       OR EXISTS (SELECT 1 FROM payment_row f WHERE f.payment_type = 'REFUND'
                  AND f.original_ref = recon_exception.payment_ref AND f.clearing_date <= :date))
