-- This database's identity: a random id made once, which the remote partition requests carry
-- (PartitionWorker), so that a worker connected to another database gives a request back instead of
-- taking a step execution of the same number in its own database for it. A copy of the database
-- (a restored dump) keeps the id.
CREATE TABLE installation (
	singleton CHAR(1) NOT NULL PRIMARY KEY CHECK (singleton = 'X'),
	id VARCHAR(36) NOT NULL
);

INSERT INTO installation (singleton, id) VALUES ('X', CAST(gen_random_uuid() AS VARCHAR(36)));
