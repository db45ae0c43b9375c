-- 001_init.sql: electors database (electors + credentials + émargement +
-- journal). Holds identities, never a ballot. Applied by scripts/stack
-- (and later `isoloir-console db migrate`) as the instance's root account.

CREATE TABLE schema_version (
  version INT NOT NULL PRIMARY KEY,
  name VARCHAR(200) NOT NULL,
  applied_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
) ENGINE=InnoDB;

-- One election campaign (e.g. "CSE 2026"), with its settings (R-ORG-6)
-- as a JSON object validated by lib/ before it is stored.
CREATE TABLE operation (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  code VARCHAR(64) NOT NULL UNIQUE,
  name VARCHAR(255) NOT NULL,
  training BOOLEAN NOT NULL DEFAULT FALSE,
  opens_at DATETIME NOT NULL,        -- UTC
  closes_at DATETIME NOT NULL,       -- UTC
  grace_seconds INT UNSIGNED NOT NULL DEFAULT 0,
  settings JSON NOT NULL DEFAULT '{}',
  CHECK (closes_at > opens_at)
) ENGINE=InnoDB;

CREATE TABLE establishment (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  operation_id INT UNSIGNED NOT NULL,
  name VARCHAR(255) NOT NULL,
  UNIQUE (operation_id, name),
  FOREIGN KEY (operation_id) REFERENCES operation (id)
) ENGINE=InnoDB;

CREATE TABLE college (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  operation_id INT UNSIGNED NOT NULL,
  name VARCHAR(255) NOT NULL,
  UNIQUE (operation_id, name),
  FOREIGN KEY (operation_id) REFERENCES operation (id)
) ENGINE=InnoDB;

-- One ballot: establishment × collège × category × round (R-ORG-1); its
-- state follows the lifecycle enforced by lib/ (R-BUR-4).
CREATE TABLE scrutin (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  operation_id INT UNSIGNED NOT NULL,
  establishment_id INT UNSIGNED NOT NULL,
  college_id INT UNSIGNED NOT NULL,
  category ENUM('titulaires', 'suppleants') NOT NULL,
  round TINYINT UNSIGNED NOT NULL DEFAULT 1,
  seats SMALLINT UNSIGNED NOT NULL,
  state VARCHAR(32) NOT NULL DEFAULT 'draft',
  UNIQUE (operation_id, establishment_id, college_id, category, round),
  FOREIGN KEY (operation_id) REFERENCES operation (id),
  FOREIGN KEY (establishment_id) REFERENCES establishment (id),
  FOREIGN KEY (college_id) REFERENCES college (id),
  CHECK (round IN (1, 2))
) ENGINE=InnoDB;

-- Electors file (R-DATA-1). Personal data is encrypted at rest by the
-- instance (InnoDB encryption, see docs/operations.md).
CREATE TABLE elector (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  operation_id INT UNSIGNED NOT NULL,
  matricule VARCHAR(64) NOT NULL,
  nom VARCHAR(255) NOT NULL,
  nom_usage VARCHAR(255) NOT NULL DEFAULT '',
  prenom VARCHAR(255) NOT NULL,
  civilite VARCHAR(16) NOT NULL DEFAULT '',
  sexe ENUM('F', 'M') NOT NULL,
  date_naissance DATE NOT NULL,
  establishment_id INT UNSIGNED NOT NULL,
  site VARCHAR(255) NOT NULL DEFAULT '',
  college_id INT UNSIGNED NOT NULL,
  statut ENUM('salarie', 'fonctionnaire') NOT NULL,
  adresse VARCHAR(512) NOT NULL,
  code_postal VARCHAR(16) NOT NULL,
  ville VARCHAR(255) NOT NULL,
  email VARCHAR(255) NOT NULL DEFAULT '',
  telephone VARCHAR(32) NOT NULL DEFAULT '',
  cle_nir CHAR(2) NOT NULL,
  date_entree DATE NULL,
  eligible BOOLEAN NOT NULL DEFAULT TRUE,
  test_elector BOOLEAN NOT NULL DEFAULT FALSE,  -- fictitious, for the test vote
  UNIQUE (operation_id, matricule),
  FOREIGN KEY (operation_id) REFERENCES operation (id),
  FOREIGN KEY (establishment_id) REFERENCES establishment (id),
  FOREIGN KEY (college_id) REFERENCES college (id)
) ENGINE=InnoDB;

-- Which scrutins an elector votes in (e.g. titulaires and suppléants).
CREATE TABLE elector_scrutin (
  elector_id INT UNSIGNED NOT NULL,
  scrutin_id INT UNSIGNED NOT NULL,
  PRIMARY KEY (elector_id, scrutin_id),
  KEY (scrutin_id),
  FOREIGN KEY (elector_id) REFERENCES elector (id),
  FOREIGN KEY (scrutin_id) REFERENCES scrutin (id)
) ENGINE=InnoDB;

-- Credentials (R-AUTH-1): never in clear. The identifier is random and
-- high-entropy, so a keyed SHA-256 is enough to find the row; the password
-- is an Argon2id encoded hash. generation bumps on every reissue and is
-- bound into sessions, so a reissue invalidates older sessions (R-AUTH-4).
CREATE TABLE credential (
  elector_id INT UNSIGNED NOT NULL PRIMARY KEY,
  login_digest BINARY(32) NOT NULL UNIQUE,
  password_hash VARCHAR(255) NOT NULL,
  generation INT UNSIGNED NOT NULL DEFAULT 1,
  failures INT UNSIGNED NOT NULL DEFAULT 0,
  locked_until DATETIME NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  FOREIGN KEY (elector_id) REFERENCES elector (id)
) ENGINE=InnoDB;

-- Émargement (R-BUR-6): one row per elector and scrutin. The web account
-- may only INSERT (it can neither read, change nor delete a row); nobody
-- else writes. The UNIQUE key is the last line of defence against a double
-- vote. Rows are not chained one by one (a per-row chain would serialise
-- every cast of a scrutin on one lock): emargement_checkpoint chains digests
-- of consecutive id ranges instead, taken periodically and at closing.
CREATE TABLE emargement (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  scrutin_id INT UNSIGNED NOT NULL,
  elector_id INT UNSIGNED NOT NULL,
  voted_at DATETIME(6) NOT NULL,
  UNIQUE (scrutin_id, elector_id),
  FOREIGN KEY (scrutin_id) REFERENCES scrutin (id),
  FOREIGN KEY (elector_id) REFERENCES elector (id)
) ENGINE=InnoDB;

CREATE TABLE emargement_checkpoint (
  seq BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  scrutin_id INT UNSIGNED NOT NULL,
  upto_id BIGINT UNSIGNED NOT NULL,   -- rows with id <= upto_id are covered
  row_count BIGINT UNSIGNED NOT NULL,
  digest BINARY(32) NOT NULL,
  prev_digest BINARY(32) NOT NULL,
  at DATETIME(6) NOT NULL,
  KEY (scrutin_id)
) ENGINE=InnoDB;

-- Journal (R-BUR-7): append-only, hash-chained, every action.
CREATE TABLE journal (
  seq BIGINT UNSIGNED NOT NULL PRIMARY KEY,
  at DATETIME(6) NOT NULL,
  actor VARCHAR(128) NOT NULL,
  action VARCHAR(64) NOT NULL,
  scrutin_id INT UNSIGNED NULL,
  detail TEXT NOT NULL,
  prev_hash BINARY(32) NOT NULL,
  hash BINARY(32) NOT NULL,
  KEY (scrutin_id)
) ENGINE=InnoDB;

-- Has this elector voted in this scrutin? The web account may ask this
-- question and nothing else of the émargement (it cannot SELECT the list).
CREATE FUNCTION emargement_has_voted(p_scrutin INT UNSIGNED, p_elector INT UNSIGNED)
  RETURNS BOOLEAN
  READS SQL DATA SQL SECURITY DEFINER
  RETURN EXISTS (SELECT 1 FROM emargement
                 WHERE scrutin_id = p_scrutin AND elector_id = p_elector);

-- Turnout without names: what the bureau and délégués may see live.
CREATE FUNCTION emargement_count(p_scrutin INT UNSIGNED)
  RETURNS BIGINT UNSIGNED
  READS SQL DATA SQL SECURITY DEFINER
  RETURN (SELECT COUNT(*) FROM emargement WHERE scrutin_id = p_scrutin);

INSERT INTO schema_version (version, name) VALUES (1, '001_init');
