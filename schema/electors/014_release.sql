-- 014_release.sql: the reference digests of the release the expert
-- certified (R-BUR-3, lib/release.h). Rows are only added (the latest is
-- the reference), before any scrutin is sealed.
CREATE TABLE release_reference (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  manifest TEXT NOT NULL,
  sha256 CHAR(64) NOT NULL,
  expert VARCHAR(255) NOT NULL,
  certified_at DATETIME(6) NOT NULL
) ENGINE=InnoDB;

INSERT INTO schema_version (version, name) VALUES (14, '014_release');
