-- An UNPAID_RECHARGE raised in the last three days is RESOLVED when its payment arrives.
UPDATE recon_exception SET status = 'RESOLVED', resolved_on = :date
WHERE category = 'UNPAID_RECHARGE' AND status = 'OPEN'
  AND clearing_date >= :windowStart AND clearing_date < :date
  AND EXISTS (SELECT 1 FROM payment_row p WHERE p.payment_ref = recon_exception.payment_ref
              AND p.payment_type = 'PAYMENT' AND p.clearing_date <= :date)
