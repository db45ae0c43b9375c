-- 008_cast_tag.sql: the urn no longer sees the cast's transaction id
-- (R-VOTE-5, R-DATA). The electors database prepares the émargement under
-- an xid x; the urn's decision row, hence its binary log, now holds only
-- the tag HMAC(k, x) under the cast key k of the workers and the recovery
-- (lib/cast.c), so the two binary logs share no value. A tag says neither
-- the time nor the random part of x.
--
-- The decision rows only live while a cast is in flight: the platform is
-- migrated with its workers stopped, so the table is empty. Were it not,
-- the rows of casts in flight would be dropped and those casts aborted by
-- the recovery although their ballot is in: the migration refuses instead.
DELIMITER //
BEGIN NOT ATOMIC
  IF (SELECT COUNT(*) FROM cast_decision) > 0 THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT =
      '008_cast_tag : des votes sont en cours (cast_decision non vide) : arrêtez les workers et laissez la reprise finir, puis recommencez';
  END IF;
END//
DELIMITER ;

DROP TABLE cast_decision;
CREATE TABLE cast_decision (
  tag BINARY(32) NOT NULL PRIMARY KEY,
  decision ENUM('commit', 'abort') NOT NULL
) ENGINE=InnoDB;

-- The fingerprint HMAC(k, constant) of the cast key the casts of this urn
-- use: a recovery holding another key would find no decision row and abort
-- casts whose ballot is in, so it refuses instead (one row, written by the
-- first recovery).
CREATE TABLE cast_key (
  id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  fingerprint BINARY(32) NOT NULL
) ENGINE=InnoDB;

INSERT INTO schema_version (version, name) VALUES (8, '008_cast_tag');
