-- 009_delegates.sql: the délégués de liste (R-DATA-2, requirements.md
-- "Import formats"): per scrutin and list (by its name, so that a new
-- candidates file does not orphan them), who watches the vote for it.
CREATE TABLE delegate (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  scrutin_id INT UNSIGNED NOT NULL,
  list_name VARCHAR(255) NOT NULL,
  nom VARCHAR(255) NOT NULL,
  prenom VARCHAR(255) NOT NULL,
  email VARCHAR(255) NOT NULL DEFAULT '',
  telephone VARCHAR(32) NOT NULL DEFAULT '',
  KEY (scrutin_id),
  FOREIGN KEY (scrutin_id) REFERENCES scrutin (id)
) ENGINE=InnoDB;

INSERT INTO schema_version (version, name) VALUES (9, '009_delegates');
