-- The instant up to which a settlement version counted the exception desk's releases: a tap released
-- before it is paid in the version, one released at or after it is not (and the nightly chain settles
-- the date again). A version recorded only when it was published, and a release approved while its
-- date was being settled was taken as paid by that version though the version's files still held it.
-- A version published before this column counted the releases approved before its publication, as far
-- as anything records: that instant stands for its cutoff.
ALTER TABLE settlement_version ADD COLUMN releases_before TIMESTAMP WITH TIME ZONE;
UPDATE settlement_version SET releases_before = published_at;
ALTER TABLE settlement_version ALTER COLUMN releases_before SET NOT NULL;
