-- The carried-over rows of one partition: each touched card's accepted transactions from the last one
-- below its first new card_seq (see judge-stream.sql, which unites them with the new rows and sorts
-- both). A partition whose new rows the load has already ordered per card (DaySpill) reads them alone,
-- in card and card_seq order (LedgerJudge adds the ORDER BY), and merges the new rows in itself.
SELECT 0 AS fresh, r.source_file, r.source_line, r.clearing_date, r.partner, r.kind, r.card_no, r.card_seq,
       r.happened_at, r.mode, r.tap_type, r.full_fare_fen, r.charged_fen, r.discount, r.amount_fen, r.balance_after_fen
FROM (
  SELECT t.card_no,
         COALESCE((SELECT x.card_seq FROM ledger_accepted x
                   WHERE x.card_no = t.card_no AND x.card_seq < t.min_seq
                   ORDER BY x.card_seq DESC FETCH FIRST 1 ROW ONLY), 0) AS floor_seq
  FROM (SELECT n.card_no, MIN(n.card_seq) AS min_seq FROM ledger_row n
        WHERE n.clearing_date = :date
          AND MOD(CAST(SUBSTRING(n.card_no, 12, 8) AS INTEGER), :parts) = :part
          AND n.source_file IN (:files)
        GROUP BY n.card_no) t
  OFFSET 0 ROWS
) fl
JOIN ledger_accepted r ON r.card_no = fl.card_no AND r.card_seq >= fl.floor_seq
UNION ALL
-- A tap of an unknown card that the desk released was paid (desk.md), so it holds its card_seq as an
-- accepted row does: a copy the operator sends again once the card is known is then a DUPLICATE
-- (dropped), not a second payment. Only the touched cards' released rows from the floor up are
-- carried; they are few, found from the released cases.
SELECT 0 AS fresh, r.source_file, r.source_line, r.clearing_date, r.partner, r.kind, r.card_no, r.card_seq,
       r.happened_at, r.mode, r.tap_type, r.full_fare_fen, r.charged_fen, r.discount, r.amount_fen, r.balance_after_fen
FROM recon_exception e
JOIN ledger_row r ON r.source_file = e.source_file AND r.source_line = e.source_line
WHERE e.released_at IS NOT NULL AND e.category = 'UNKNOWN_CARD'
  AND MOD(CAST(SUBSTRING(r.card_no, 12, 8) AS INTEGER), :parts) = :part
  AND EXISTS (SELECT 1 FROM ledger_row n
              WHERE n.card_no = r.card_no AND n.clearing_date = :date AND n.source_file IN (:files))
  AND r.card_seq >= COALESCE((SELECT x.card_seq FROM ledger_accepted x
                              WHERE x.card_no = r.card_no
                                AND x.card_seq < (SELECT MIN(n.card_seq) FROM ledger_row n
                                                  WHERE n.card_no = r.card_no AND n.clearing_date = :date
                                                    AND n.source_file IN (:files))
                              ORDER BY x.card_seq DESC FETCH FIRST 1 ROW ONLY), 0)
