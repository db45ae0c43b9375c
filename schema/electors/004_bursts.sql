-- 004_bursts.sql: casts per client address in fixed 40-minute windows, to
-- alert the bureau of bursts (R-AUTH-5: 50 votes from one address in 40
-- minutes was judged suspect by the Cour de cassation). The address is
-- kept only as a keyed hash and the row holds no elector.
CREATE TABLE cast_burst (
  ip_hash BINARY(16) NOT NULL,
  window_start BIGINT UNSIGNED NOT NULL,   -- unix seconds, multiple of 2400
  casts INT UNSIGNED NOT NULL,
  PRIMARY KEY (ip_hash, window_start)
) ENGINE=InnoDB;

INSERT INTO schema_version (version, name) VALUES (4, '004_bursts');
