-- 003_cast.sql: the arbiter of an atomic cast across the two databases.
-- A cast prepares its émargement (XA PREPARE, electors DB), then inserts
-- the ballot and its decision row here in one local transaction: that
-- commit is the decision. The row holds only the random transaction id (no
-- identity, no time beyond the age the recovery needs) and is deleted as
-- soon as the émargement is committed. Recovery of an abandoned cast
-- inserts an 'abort' row for the same id: the primary key lets exactly one
-- of the two decisions exist (see lib/cast.c).
CREATE TABLE cast_decision (
  xid VARCHAR(64) NOT NULL PRIMARY KEY,
  decision ENUM('commit', 'abort') NOT NULL
) ENGINE=InnoDB;

INSERT INTO schema_version (version, name) VALUES (3, '003_cast');
