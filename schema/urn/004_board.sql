-- 004_board.sql: the public bulletin board of each counted scrutin
-- (R-BUR-8, docs/protocol.md §10), exactly as the console exported and
-- verified it; the web worker serves it read-only under /tableau/.
-- Written once: no account may UPDATE or DELETE it.
CREATE TABLE board (
  scrutin_id INT UNSIGNED NOT NULL PRIMARY KEY,
  digest BINARY(32) NOT NULL,       -- SHA-256 of body, journaled
  body LONGBLOB NOT NULL
) ENGINE=InnoDB;

INSERT INTO schema_version (version, name) VALUES (4, '004_board');
