-- 005_board_chunks.sql: the public bulletin board in bounded chunks
-- (R-BUR-8, docs/protocol.md §10.5). One row could not hold a large
-- scrutin's board (max_allowed_packet, 1 GiB: about 11 000 8×7 ballots)
-- and the site parsed the whole board for each page. Now the file's bytes
-- are stored in chunks, each hashed and chained (chain_i = SHA-256(chain_
-- {i-1} ‖ digest_i), chain_{-1} = 0³²), the board row keeps both
-- fingerprints, the document without its ballots (the page's summary)
-- and the recourse deadline, and one row per tracker serves the paginated
-- list and the lookup. Written once: no account may UPDATE or DELETE.
CREATE TABLE board_chunk (
  scrutin_id INT UNSIGNED NOT NULL,
  seq INT UNSIGNED NOT NULL,
  digest BINARY(32) NOT NULL,       -- SHA-256 of body
  chain BINARY(32) NOT NULL,        -- SHA-256(previous chain ‖ digest)
  body LONGBLOB NOT NULL,           -- 16 MiB by default (console.conf)
  PRIMARY KEY (scrutin_id, seq)
) ENGINE=InnoDB;

CREATE TABLE board_tracker (
  scrutin_id INT UNSIGNED NOT NULL,
  seq INT UNSIGNED NOT NULL,        -- rank on the board, from 0
  tracker BINARY(32) NOT NULL,
  sub_urn TINYINT UNSIGNED NOT NULL DEFAULT 0,   -- 0: no sub-urns
  PRIMARY KEY (scrutin_id, seq),
  UNIQUE KEY board_tracker_lookup (scrutin_id, tracker)
) ENGINE=InnoDB;

ALTER TABLE board
  ADD COLUMN title VARCHAR(512) NOT NULL DEFAULT '',
  ADD COLUMN bytes BIGINT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN chunks INT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN ballots INT UNSIGNED NOT NULL DEFAULT 0,
  ADD COLUMN chain BINARY(32) NULL,
  ADD COLUMN summary LONGBLOB NULL,
  ADD COLUMN recourse_until VARCHAR(32) NOT NULL DEFAULT '',
  MODIFY body LONGBLOB NULL;

-- A board published before this migration becomes one chunk, its
-- trackers indexed, its summary drawn from it.
INSERT INTO board_chunk (scrutin_id, seq, digest, chain, body)
  SELECT scrutin_id, 0, UNHEX(SHA2(body, 256)),
         UNHEX(SHA2(CONCAT(UNHEX(REPEAT('00', 32)), UNHEX(SHA2(body, 256))), 256)), body
  FROM board WHERE body IS NOT NULL;
INSERT INTO board_tracker (scrutin_id, seq, tracker, sub_urn)
  SELECT b.scrutin_id, jt.rn - 1, UNHEX(jt.tracker), COALESCE(jt.sub, 0)
  FROM board b, JSON_TABLE(CONVERT(b.body USING utf8mb4), '$.ballots[*]' COLUMNS (
    rn FOR ORDINALITY, tracker CHAR(64) PATH '$.tracker', sub TINYINT PATH '$.sub_urn')) jt
  WHERE b.body IS NOT NULL;
UPDATE board SET
  title = COALESCE(JSON_VALUE(CONVERT(body USING utf8mb4), '$.scrutin.title'), ''),
  bytes = LENGTH(body), chunks = 1,
  ballots = JSON_LENGTH(CONVERT(body USING utf8mb4), '$.ballots'),
  chain = UNHEX(SHA2(CONCAT(UNHEX(REPEAT('00', 32)), UNHEX(SHA2(body, 256))), 256)),
  summary = JSON_SET(CONVERT(body USING utf8mb4), '$.ballots', JSON_ARRAY())
  WHERE body IS NOT NULL;
ALTER TABLE board DROP COLUMN body, MODIFY chain BINARY(32) NOT NULL,
  MODIFY summary LONGBLOB NOT NULL;

INSERT INTO schema_version (version, name) VALUES (5, '005_board_chunks');
