-- 001_init.sql: urn database. Ballots carry no voter identity and no
-- timestamp; the primary key is the ballot tracker, so rows are stored in
-- tracker order and the table keeps no trace of the order of casting.

CREATE TABLE schema_version (
  version INT NOT NULL PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  applied_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
) ENGINE=InnoDB;

-- One encrypted ballot (canonical JSON of docs/protocol.md). sub_urn is the
-- statut sub-urn (R-ORG-5): 0 = single urn, 1 = salariés, 2 = fonctionnaires.
CREATE TABLE ballot (
  tracker BINARY(32) NOT NULL PRIMARY KEY,
  scrutin_id INT UNSIGNED NOT NULL,
  sub_urn TINYINT UNSIGNED NOT NULL DEFAULT 0,
  body MEDIUMBLOB NOT NULL,
  KEY (scrutin_id, sub_urn)
) ENGINE=InnoDB;

-- Seals (R-BUR-3): fingerprints of parameters, lists, electors digest,
-- binaries, journal head; each seal chains to the previous one.
CREATE TABLE seal (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  scrutin_id INT UNSIGNED NOT NULL,
  kind VARCHAR(32) NOT NULL,
  fingerprint BINARY(32) NOT NULL,
  prev_fingerprint BINARY(32) NOT NULL,
  content MEDIUMTEXT NOT NULL,
  sealed_at DATETIME(6) NOT NULL,
  authorised_by TEXT NOT NULL,
  KEY (scrutin_id)
) ENGINE=InnoDB;

-- Journal of the urn side (same chaining as the electors journal).
CREATE TABLE journal (
  seq BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  at DATETIME(6) NOT NULL,
  actor VARCHAR(128) NOT NULL,
  action VARCHAR(64) NOT NULL,
  scrutin_id INT UNSIGNED NULL,
  detail TEXT NOT NULL,
  prev_hash BINARY(32) NOT NULL,
  hash BINARY(32) NOT NULL
) ENGINE=InnoDB;

INSERT INTO schema_version (version, name) VALUES (1, '001_init');
