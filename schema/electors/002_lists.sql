-- 002_lists.sql: candidate lists, candidates, and each scrutin's election
-- parameters (public key, fingerprint, ballot options) — what the ballot
-- page shows and what a cast ballot is verified against.

-- A list in the drawn order (R-DATA-2): one union, a common list of
-- several (split key as JSON {"CFDT":60,"UNSA":40}), or none (round 2).
CREATE TABLE candidate_list (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  scrutin_id INT UNSIGNED NOT NULL,
  position SMALLINT UNSIGNED NOT NULL,       -- drawn order, from 1
  name VARCHAR(255) NOT NULL,
  unions VARCHAR(255) NOT NULL DEFAULT '',
  split JSON NULL,
  UNIQUE (scrutin_id, position),
  UNIQUE (scrutin_id, name),
  FOREIGN KEY (scrutin_id) REFERENCES scrutin (id)
) ENGINE=InnoDB;

CREATE TABLE candidate (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  list_id INT UNSIGNED NOT NULL,
  position SMALLINT UNSIGNED NOT NULL,       -- presentation order, from 1
  elector_id INT UNSIGNED NULL,              -- eligibility link (matricule)
  nom VARCHAR(255) NOT NULL,
  prenom VARCHAR(255) NOT NULL,
  sexe ENUM('F', 'M') NOT NULL,
  date_naissance DATE NOT NULL,
  UNIQUE (list_id, position),
  FOREIGN KEY (list_id) REFERENCES candidate_list (id),
  FOREIGN KEY (elector_id) REFERENCES elector (id)
) ENGINE=InnoDB;

-- Election parameters of a scrutin once its keys exist (docs/protocol.md):
-- the public key Y (compressed point, hex), the election fingerprint that
-- every proof is bound to, and whether the ballot has a "nul" slot.
CREATE TABLE scrutin_crypto (
  scrutin_id INT UNSIGNED NOT NULL PRIMARY KEY,
  public_key CHAR(66) NOT NULL,
  fingerprint CHAR(64) NOT NULL,
  nul_slot BOOLEAN NOT NULL DEFAULT FALSE,
  FOREIGN KEY (scrutin_id) REFERENCES scrutin (id)
) ENGINE=InnoDB;

INSERT INTO schema_version (version, name) VALUES (2, '002_lists');
