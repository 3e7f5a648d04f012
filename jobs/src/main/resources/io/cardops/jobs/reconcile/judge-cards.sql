-- The master facts of one partition's cards, in card order (the order of judge-stream.sql), for the
-- walk to read alongside the rows: the cards whose number, read as digits 12 to 19, leaves the second
-- parameter when divided by the first. Every card of the partition is read, touched or not: reading
-- the card master in order costs less than joining it to every row of the day before the sort.
SELECT c.card_no, c.valid_until, c.state, c.state_since FROM card c
WHERE MOD(CAST(SUBSTRING(c.card_no, 12, 8) AS INTEGER), ?) = ?
ORDER BY c.card_no
