-- 008_proclamation.sql: R-BUR-8, the results of a scrutin as its bureau
-- proclaims them: seen by the bureau only until then; the proclamation
-- (with the bureau's codes, timestamped, journaled) fixes them, and only a
-- proclaimed result goes on the public bulletin board.
CREATE TABLE proclamation (
  scrutin_id INT UNSIGNED NOT NULL PRIMARY KEY,
  counts JSON NOT NULL,               -- the decrypted counts proclaimed
  result JSON NOT NULL,               -- the counting law's output
  result_sha256 CHAR(64) NOT NULL,    -- of the output, canonical (keys sorted)
  lot TEXT NULL,                      -- a tie the bureau decided by lot
  authorised_by VARCHAR(512) NOT NULL,
  proclaimed_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  FOREIGN KEY (scrutin_id) REFERENCES scrutin (id)
) ENGINE=InnoDB;

INSERT INTO schema_version (version, name) VALUES (8, '008_proclamation');
