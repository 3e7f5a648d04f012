-- Remembers which cards this run expires (expired_cards_<D>.csv is made from these rows).
INSERT INTO card_expiry (card_no, run_date, valid_until)
SELECT card_no, :runDate, valid_until FROM card
WHERE state = 'ACTIVE' AND valid_until < :runDate
