-- 007_presum.sql: partial sums of the urn kept during the vote
-- (docs/protocol.md §9.2, lib/presum.c), so that the count reads a few MB
-- instead of every ballot's points. A scrutin's ballots are split by the
-- first 12 bits of their tracker into 4,096 buckets per sub-urn; a row
-- holds a bucket's sum: `sums` (per position a then b, x || y, 64 zero
-- bytes for an empty sum: the layout of ballot.points), how many ballots
-- and which ones (`members`: their trackers, sorted, 32 bytes each), and
-- `digest`, SHA-256 binding the place, the count, the members and the
-- sums. Derived data: no identity, no time, no order (a bucket is a range
-- of random trackers); a row that does not hold together, or that lists
-- a ballot no longer in the urn, is rebuilt from the urn. Only the console
-- writes it (accounts.sql.in).
CREATE TABLE tally_bucket (
  scrutin_id INT UNSIGNED NOT NULL,
  sub_urn TINYINT UNSIGNED NOT NULL,
  bucket SMALLINT UNSIGNED NOT NULL,
  ballots INT UNSIGNED NOT NULL,
  members MEDIUMBLOB NOT NULL,
  sums MEDIUMBLOB NOT NULL,
  digest BINARY(32) NOT NULL,
  PRIMARY KEY (scrutin_id, sub_urn, bucket)
) ENGINE=InnoDB;

INSERT INTO schema_version (version, name) VALUES (7, '007_presum');
