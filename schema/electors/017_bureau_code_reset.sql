-- 017_bureau_code_reset: a member's code cleared by their bureau
-- (lib/bureau_reset.c) is set again only with a one-time reset token
-- handed to the member, expiring, so that whoever runs the console cannot
-- put a code of their own in the member's place in between (R-BUR-3).
-- Only the token's SHA-256 is kept; wrong tokens are counted and void it.
ALTER TABLE bureau_member
  ADD COLUMN reset_token_hash BINARY(32) NULL,
  ADD COLUMN reset_expires_at DATETIME(6) NULL,
  ADD COLUMN reset_failures TINYINT UNSIGNED NOT NULL DEFAULT 0;

INSERT INTO schema_version (version, name) VALUES (17, '017_bureau_code_reset');
