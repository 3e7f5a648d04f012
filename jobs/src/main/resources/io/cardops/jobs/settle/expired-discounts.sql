-- The clawback: the student discount on the date's paid fares after the card's validity ended (the
-- EXPIRED_DISCOUNT exceptions the date's judging raised), by operator and mode. A paid fare is an
-- accepted row (ledger_accepted). Fares are within ±10,000,000 fen (files.md), so the sum cannot
-- leave a BIGINT (see ledger-of-date.sql).
SELECT r.partner, r.mode, COALESCE(SUM(r.full_fare_fen - r.charged_fen), 0) AS clawback
FROM recon_exception x
JOIN ledger_accepted r ON r.card_no = CAST(x.card_no AS CHAR(19)) AND r.card_seq = CAST(x.card_seq AS BIGINT)
  AND r.source_file = x.source_file AND r.source_line = x.source_line
WHERE x.category = 'EXPIRED_DISCOUNT' AND x.clearing_date = :date AND r.clearing_date = :date
  AND r.discount = 'STUDENT' AND r.tap_type IN ('EXIT', 'SINGLE')
GROUP BY r.partner, r.mode
