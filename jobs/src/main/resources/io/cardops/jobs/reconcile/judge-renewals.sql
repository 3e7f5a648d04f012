-- The renewals of one partition's cards, in card order and then time order (the order of judge-cards.sql),
-- for the walk to read alongside the rows as it reads the card master: the same split as judge-cards.sql.
-- Every renewal of the partition is read, the untouched cards' too: streaming them in card order through
-- the card events' (card_no, occurred_at) index costs less than finding the date's touched cards in the
-- day's rows first (a scan of the day per partition, 1.1 s at 2M taps), and holds none in memory.
SELECT e.card_no, e.occurred_at, e.valid_until_before, e.valid_until_after FROM card_event e
WHERE e.event = 'RENEW'
  AND MOD(CAST(SUBSTRING(e.card_no, 12, 8) AS INTEGER), :parts) = :part
ORDER BY e.card_no, e.occurred_at
