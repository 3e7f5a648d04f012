-- A SEQ_GAP is RESOLVED by the run in which the last of its missing card_seqs arrives: when the card's
-- accepted rows (ledger_accepted) fill its range. The caller marks the run's files judged first.
UPDATE recon_exception SET status = 'RESOLVED', resolved_on = :date
WHERE category = 'SEQ_GAP' AND status = 'OPEN'
  AND (SELECT COUNT(*) FROM ledger_accepted t
       WHERE t.card_no = recon_exception.card_no
         AND t.card_seq BETWEEN recon_exception.gap_from AND recon_exception.gap_to)
      = recon_exception.gap_to - recon_exception.gap_from + 1
