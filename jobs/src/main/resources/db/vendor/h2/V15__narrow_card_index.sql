-- The ledger rows' card index keeps only (card_no, card_seq): see the PostgreSQL twin of this
-- migration for why. The statements are the same.
DROP INDEX ledger_row_by_card;
CREATE INDEX ledger_row_by_card ON ledger_row (card_no, card_seq);
