-- 007_keys.sql: R-BUR-1, the key ceremony's public record kept with the
-- scrutin: the public.json of isoloir-trustee public (election fingerprint,
-- threshold, public key, each holder's verification key), needed to check
-- the partial decryptions and published on the bulletin board.
ALTER TABLE scrutin_crypto ADD COLUMN key_transcript JSON NULL;

INSERT INTO schema_version (version, name) VALUES (7, '007_keys');
