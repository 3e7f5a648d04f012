-- The identity-number key (issue 20, finding 6). Identity numbers are kept only as HMAC-SHA256 under a
-- secret key (CARDOPS_ID_KEY), so hashes made under two keys never match, and a process started with
-- another key used to hash every new roster differently without a word.
--
-- Each key this database's identity hashes were made with is one row, known by its check value:
-- HMAC-SHA256(key, 'cardops id-key check v1') in hex, which tells keys apart without revealing one. The
-- row without retired_at is the current key. The first roster import that stores hashes records its key
-- as generation 1, in the transaction that stores them; every later command compares its own key's check
-- value with the current row and refuses another key. `cardops id-key rotate` retires the current row and
-- adds the next generation, so the rows are also the history of rotations (when, by whom). A key is used
-- once: a retired key cannot come back.
CREATE TABLE id_key (
	generation INTEGER NOT NULL PRIMARY KEY,
	check_value CHAR(64) NOT NULL,
	recorded_at TIMESTAMP WITH TIME ZONE NOT NULL,
	recorded_by VARCHAR(255) NOT NULL,
	recorded_with VARCHAR(300) NOT NULL,
	retired_at TIMESTAMP WITH TIME ZONE,
	retired_by VARCHAR(255),
	CONSTRAINT id_key_used_once UNIQUE (check_value)
);

-- The key generation each roster import's identity numbers were hashed under; null for imports made
-- before this migration (under whatever key was configured then).
ALTER TABLE roster_import ADD COLUMN key_generation INTEGER;
