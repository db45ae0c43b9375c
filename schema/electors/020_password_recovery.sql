-- 020_password_recovery.sql: self-service password retrieval (R-AUTH-6),
-- by email, when the operation offers it (setting mot_de_passe_oublie).
--
-- The elector types the identifier and the challenge's answer; a new
-- password goes to the address of the electors list (never one typed in),
-- the old one stops working with its sessions (generation + 1). The web
-- worker never gets the right to write a password hash: it can only call
-- credential_recover, which checks the identifier's digest and the
-- challenge itself and writes the new password for isoloir-mailer in
-- password_outbox, a table the web account cannot touch otherwise.

ALTER TABLE credential ADD COLUMN recovered_at DATETIME NULL;

CREATE TABLE password_outbox (
  id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  elector_id INT UNSIGNED NOT NULL,
  payload TEXT NULL,                  -- {"mot_de_passe": ...}; NULL once sent
  requested_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  sent_at DATETIME(6) NULL,
  attempts INT UNSIGNED NOT NULL DEFAULT 0,
  last_error VARCHAR(255) NOT NULL DEFAULT '',
  KEY (sent_at),
  FOREIGN KEY (elector_id) REFERENCES elector (id)
) ENGINE=InnoDB;

DELIMITER //
-- p_outcome: 'sent', or why not: 'unknown' (no such identifier), 'locked',
-- 'challenge' (wrong answer: the caller counts the failure), 'no_address',
-- 'too_soon' (one recovery per 15 minutes), 'voted' (nothing left to vote
-- in), 'test' (a test elector). p_elector: the elector when known.
CREATE PROCEDURE credential_recover(p_digest BINARY(32), p_challenge VARCHAR(8),
    p_hash VARCHAR(255), p_password VARCHAR(64), OUT p_outcome VARCHAR(16),
    OUT p_elector INT UNSIGNED)
  MODIFIES SQL DATA SQL SECURITY DEFINER
BEGIN
  DECLARE v_nir CHAR(2);
  DECLARE v_email VARCHAR(255);
  DECLARE v_locked, v_recent, v_test, v_left INT DEFAULT 0;
  DECLARE CONTINUE HANDLER FOR NOT FOUND SET p_elector = NULL;
  SET p_elector = NULL;
  SELECT c.elector_id, e.cle_nir, e.email, COALESCE(c.locked_until > UTC_TIMESTAMP(), 0),
      COALESCE(c.recovered_at > UTC_TIMESTAMP() - INTERVAL 15 MINUTE, 0), e.test_elector
    INTO p_elector, v_nir, v_email, v_locked, v_recent, v_test
    FROM credential c JOIN elector e ON e.id = c.elector_id
    WHERE c.login_digest = p_digest FOR UPDATE;
  IF p_elector IS NULL THEN
    SET p_outcome = 'unknown';
  ELSEIF v_locked THEN
    SET p_outcome = 'locked';
  ELSEIF BINARY v_nir <> BINARY p_challenge THEN
    SET p_outcome = 'challenge';
  ELSEIF v_test THEN
    SET p_outcome = 'test';
  ELSEIF v_email = '' THEN
    SET p_outcome = 'no_address';
  ELSEIF v_recent THEN
    SET p_outcome = 'too_soon';
  ELSE
    SELECT COUNT(*) INTO v_left FROM elector_scrutin es
      WHERE es.elector_id = p_elector AND NOT emargement_has_voted(es.scrutin_id, p_elector);
    IF v_left = 0 THEN
      SET p_outcome = 'voted';
    ELSE
      UPDATE credential SET password_hash = p_hash, generation = generation + 1,
          failures = 0, locked_until = NULL, recovered_at = UTC_TIMESTAMP()
        WHERE elector_id = p_elector;
      INSERT INTO password_outbox (elector_id, payload)
        VALUES (p_elector, JSON_OBJECT('mot_de_passe', p_password));
      SET p_outcome = 'sent';
    END IF;
  END IF;
END//
DELIMITER ;

INSERT INTO schema_version (version, name) VALUES (20, '020_password_recovery');
