-- The accepted top-ups (ledger_accepted) that carry a payment reference (cash top-ups at a COUNTER
-- carry none).
SELECT r.source_file, r.source_line, r.clearing_date, r.partner, r.card_no, r.card_seq, r.amount_fen, r.payment_ref
FROM ledger_accepted r
WHERE r.kind = 'R' AND r.payment_ref IS NOT NULL
