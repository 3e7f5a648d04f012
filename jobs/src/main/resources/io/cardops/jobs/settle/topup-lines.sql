-- The accepted top-ups of the clearing date's recharge files, by channel (flagged ones included: the
-- channel is liable for them; held and dropped ones excluded).
SELECT r.partner, COUNT(*) AS recharges, SUM(r.amount_fen) AS amount
FROM ledger_row r
JOIN ledger_judgment j ON j.source_file = r.source_file AND j.source_line = r.source_line
WHERE r.clearing_date = :date AND r.kind = 'R' AND j.settlement = 'PAID'
GROUP BY r.partner
