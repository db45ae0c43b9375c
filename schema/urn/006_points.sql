-- 006_points.sql: the ciphertext points of each ballot, decoded once at
-- cast time by the worker that verified the ballot, for the homomorphic
-- sum (docs/protocol.md §9.1): per position (choice slots, then the
-- candidates list by list), a then b, each x || y (32 + 32 bytes,
-- big-endian affine coordinates). A copy of what the body already says,
-- in a form that is cheap to add: the count no longer takes a square root
-- per point. NULL for ballots cast before this migration (the count then
-- decodes the body). Same row as the ballot: no identity, no time.
ALTER TABLE ballot ADD COLUMN points MEDIUMBLOB NULL;

INSERT INTO schema_version (version, name) VALUES (6, '006_points');
