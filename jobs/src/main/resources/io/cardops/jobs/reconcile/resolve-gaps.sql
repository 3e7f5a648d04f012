-- A SEQ_GAP is RESOLVED by the run in which the last of its missing card_seqs arrives: when the card's
-- accepted rows (rows of judged files without a judgment) fill its range. The caller marks the run's
-- files judged first.
UPDATE recon_exception SET status = 'RESOLVED', resolved_on = :date
WHERE category = 'SEQ_GAP' AND status = 'OPEN'
  AND (SELECT COUNT(*) FROM ledger_row t
       WHERE t.card_no = recon_exception.card_no
         AND t.card_seq BETWEEN recon_exception.gap_from AND recon_exception.gap_to
         AND t.source_file IN (SELECT f.file_name FROM inbox_file f WHERE f.judged_at IS NOT NULL)
         AND NOT EXISTS (SELECT 1 FROM ledger_judgment j
                         WHERE j.card_no = t.card_no AND j.card_seq = t.card_seq
                           AND j.source_file = t.source_file AND j.source_line = t.source_line))
      = recon_exception.gap_to - recon_exception.gap_from + 1
