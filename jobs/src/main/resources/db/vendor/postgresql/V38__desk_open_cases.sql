-- The desk's cases not closed, per category and clearing date with their amounts, as the metrics read
-- them at every scrape (BusinessFigures): from this index alone, never the year of closed cases. The
-- embedded database has no partial indexes and reads them through recon_exception_by_case_state (V35).
CREATE INDEX recon_exception_desk_open ON recon_exception (category, clearing_date, amount_fen)
	WHERE case_state <> 'CLOSED';
