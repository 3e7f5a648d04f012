-- The master facts of one partition's cards, in card order (the order of judge-stream.sql), for the
-- walk to read alongside the rows: the cards whose number, read as digits 12 to 19, leaves :part when
-- divided by :parts, the same split as judge-stream.sql (a card the two disagreed on would be judged
-- unknown). Every card of the partition is read, touched or not: reading the card master in order costs
-- less than joining it to every row of the day before the sort.
SELECT c.card_no, c.valid_until, c.state, c.state_since FROM card c
WHERE MOD(CAST(SUBSTRING(c.card_no, 12, 8) AS INTEGER), :parts) = :part
ORDER BY c.card_no
