-- 002_journal.sql: head of the urn journal's hash chain (docs/model.md):
-- appenders lock this row so concurrent appends form one chain, and it
-- reveals a truncated journal. Same layout as in the electors database.
CREATE TABLE journal_head (
  id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  seq BIGINT UNSIGNED NOT NULL,
  hash BINARY(32) NOT NULL,
  CHECK (id = 1)
) ENGINE=InnoDB;
INSERT INTO journal_head (id, seq, hash) VALUES (1, 0, UNHEX(REPEAT('00', 32)));

INSERT INTO schema_version (version, name) VALUES (2, '002_journal');
