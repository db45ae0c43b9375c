-- 006_import.sql: R-DATA-1, the database import of the electors file. Each
-- import run stamps the rows it wrote with its number, so the rows of the
-- operation the new file no longer holds are found (and removed) in the
-- same transaction, without keeping the whole file in memory.
ALTER TABLE elector ADD COLUMN import_run INT UNSIGNED NOT NULL DEFAULT 0;

-- One row per committed import (the journal holds the same facts, chained).
CREATE TABLE import_run (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  operation_id INT UNSIGNED NOT NULL,
  kind ENUM('electeurs', 'candidats') NOT NULL,
  file_sha256 CHAR(64) NOT NULL,
  row_count INT UNSIGNED NOT NULL,
  inserted INT UNSIGNED NOT NULL,
  updated INT UNSIGNED NOT NULL,
  removed INT UNSIGNED NOT NULL,
  actor VARCHAR(128) NOT NULL,
  justification TEXT NULL,           -- required after the freeze date
  at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  FOREIGN KEY (operation_id) REFERENCES operation (id)
) ENGINE=InnoDB;

INSERT INTO schema_version (version, name) VALUES (6, '006_import');
