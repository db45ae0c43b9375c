-- 013_observers.sql: observer accounts (R-AUTH-7), the émargement time of
-- one's own vote for the receipt downloaded again (R-VOTE-6), and the
-- lists' logos and professions de foi (R-VOTE-2, R-VOTE-9).

-- Observers: délégués de liste, union delegates, huissier, expert. Their
-- own credentials (random identifier looked up by keyed digest, Argon2id
-- password), read-only, scoped to scrutins, revocable: a revoked account
-- can neither log in nor use a session opened before.
CREATE TABLE observer (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  operation_id INT UNSIGNED NOT NULL,
  kind ENUM('delegue_liste', 'delegue_syndical', 'huissier', 'expert') NOT NULL,
  nom VARCHAR(255) NOT NULL,
  prenom VARCHAR(255) NOT NULL,
  login_digest BINARY(32) NOT NULL UNIQUE,
  password_hash VARCHAR(255) NOT NULL,
  failures INT UNSIGNED NOT NULL DEFAULT 0,
  locked_until DATETIME NULL,
  revoked_at DATETIME NULL,
  created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  FOREIGN KEY (operation_id) REFERENCES operation (id)
) ENGINE=InnoDB;

CREATE TABLE observer_scrutin (
  observer_id INT UNSIGNED NOT NULL,
  scrutin_id INT UNSIGNED NOT NULL,
  PRIMARY KEY (observer_id, scrutin_id),
  FOREIGN KEY (observer_id) REFERENCES observer (id),
  FOREIGN KEY (scrutin_id) REFERENCES scrutin (id)
) ENGINE=InnoDB;

-- When did this elector vote in this scrutin? Only the elector's own
-- question, for their receipt; the web account still cannot read the list.
CREATE FUNCTION emargement_voted_at(p_scrutin INT UNSIGNED, p_elector INT UNSIGNED)
  RETURNS DATETIME
  READS SQL DATA SQL SECURITY DEFINER
  RETURN (SELECT voted_at FROM emargement
          WHERE scrutin_id = p_scrutin AND elector_id = p_elector);

-- A list's logo (PNG, or SVG without scripts) and profession de foi (PDF),
-- checked by lib/listfile.c before they get here; served by the worker.
-- They go with their list (a new candidates import replaces both).
CREATE TABLE list_file (
  list_id INT UNSIGNED NOT NULL,
  kind ENUM('logo', 'profession') NOT NULL,
  content_type VARCHAR(64) NOT NULL,
  sha256 BINARY(32) NOT NULL,
  body MEDIUMBLOB NOT NULL,
  PRIMARY KEY (list_id, kind),
  FOREIGN KEY (list_id) REFERENCES candidate_list (id) ON DELETE CASCADE
) ENGINE=InnoDB;

INSERT INTO schema_version (version, name) VALUES (13, '013_observers');
