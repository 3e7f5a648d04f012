-- Every field of the rows that share a (card_no, card_seq) with another, to tell a DUPLICATE (every
-- field identical, txn_id or recharge_id included) from a SEQ_CONFLICT (domain.md, "Identity").
-- The walk names a batch of such rows by card and card_seq; the rows of those cards at those
-- card_seqs are found through the ledger rows' (card_no, card_seq) index, and the caller picks its
-- rows out by file and line (a few more may come along: a card of the batch at another's card_seq).
SELECT r.source_file, r.source_line, r.kind, r.card_no, r.card_seq, r.ext_id, r.happened_at, r.mode, r.line_name,
       r.station, r.device_id, r.tap_type, r.full_fare_fen, r.charged_fen, r.discount, r.amount_fen, r.payment_ref,
       r.balance_after_fen
FROM ledger_row r
WHERE r.card_no IN (:cards) AND r.card_seq IN (:seqs)
