-- The date's rows not judged yet (the rows of its files not judged yet, which the caller names), merged with each touched card's accepted transactions from the last
-- one below its first new card_seq (the ledger carried over), in the order the judging walks them:
-- per card by card_seq; at equal card_seq an accepted transaction first, then new rows by file and line.
-- The accepted transactions are the view ledger_accepted (V14), found by card through the ledger rows'
-- (card_no, card_seq) index.
-- Each card's floor is the first accepted row found walking its index down from the first new
-- card_seq (not a MAX, which PostgreSQL would compute over every earlier row of the card), and is
-- computed once per card before the join (OFFSET 0 keeps PostgreSQL from merging the two and
-- evaluating the floor again for every ledger row of the card).
-- The cards' master facts are not joined here: judge-cards.sql streams them in the same card order
-- and the walk reads both side by side, so the judging still holds only the card it is walking, and
-- the sort carries narrower rows (joining the card master to every row before the sort cost a fifth
-- of this query's time).
-- Only the cards of one partition are streamed: those whose number, read as digits 12 to 19, leaves
-- :part when divided by :parts (partitions share no card and are walked independently).
-- Only the columns the walk checks are streamed: the ones that only tell a copy from a conflict
-- (ext_id, line_name, station, device_id, payment_ref) are read for the few rows sharing a card_seq
-- (twin-rows.sql). Narrower rows let a partition of the 2M day sort in memory within work_mem
-- (3.8 s instead of 4.8-5.4 s for the new rows in EXPLAIN ANALYZE) and cost the walk less to decode.
-- The carried-over rows are judge-carried.sql, which LedgerJudge puts in after UNION ALL (a partition
-- whose new rows come from the load's sort reads them alone).
-- The new rows are selected twice rather than shared through a WITH clause: PostgreSQL would write a
-- shared one out in full before sorting (about a third of this query's time for a million rows).
SELECT s.*
FROM (
SELECT 1 AS fresh, f.source_file, f.source_line, f.clearing_date, f.partner, f.kind, f.card_no, f.card_seq,
       f.happened_at, f.mode, f.tap_type, f.full_fare_fen, f.charged_fen, f.discount, f.amount_fen, f.balance_after_fen
FROM ledger_row f
WHERE f.clearing_date = :date
  AND MOD(CAST(SUBSTRING(f.card_no, 12, 8) AS INTEGER), :parts) = :part
  AND f.source_file IN (:files)
UNION ALL
${carried}
) s
ORDER BY s.card_no, s.card_seq, s.fresh, s.source_file, s.source_line
