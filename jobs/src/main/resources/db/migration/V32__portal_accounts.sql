-- The portal's accounts (shared/spec/http.md, "Accounts"), made and changed only by `cardops users`.
--   role             OPS, FINANCE or UNIVERSITY
--   institution      the INSTITUTION partner a UNIVERSITY account speaks for; null for the others
--   password_hash    a slow salted hash with its algorithm's prefix ({bcrypt}...), never the password
--   failed_sign_ins  wrong passwords in a row; the fifth locks the account until locked_until
CREATE TABLE portal_account (
	name VARCHAR(64) NOT NULL PRIMARY KEY,
	role VARCHAR(16) NOT NULL,
	institution VARCHAR(16) REFERENCES partner (partner_code),
	password_hash VARCHAR(255) NOT NULL,
	enabled BOOLEAN NOT NULL,
	failed_sign_ins INTEGER NOT NULL,
	locked_until TIMESTAMP WITH TIME ZONE,
	last_sign_in_at TIMESTAMP WITH TIME ZONE,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	CONSTRAINT portal_account_role CHECK (role IN ('OPS', 'FINANCE', 'UNIVERSITY')),
	CONSTRAINT portal_account_institution CHECK ((role = 'UNIVERSITY') = (institution IS NOT NULL))
);

-- API tokens (cdt_<token_id>_<secret>): the id finds the row, the secret is checked against
-- token_hash (slow, salted). A token stops working when it expires (after expires_on, a business
-- date in Asia/Shanghai) or is revoked.
CREATE TABLE api_token (
	token_id VARCHAR(32) NOT NULL PRIMARY KEY,
	account VARCHAR(64) NOT NULL REFERENCES portal_account (name),
	token_hash VARCHAR(255) NOT NULL,
	expires_on DATE,
	created_at TIMESTAMP WITH TIME ZONE NOT NULL,
	revoked_at TIMESTAMP WITH TIME ZONE
);

CREATE INDEX api_token_by_account ON api_token (account);
