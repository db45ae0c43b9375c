-- 021_password_sms.sql: the new password of a self-service retrieval
-- (R-AUTH-6) by email or by SMS, the elector's choice.
--
-- By SMS the password goes to the mobile number of the electors list
-- (telephone, stored in E.164 by the import since this version), or, when
-- the operation's setting mobile_saisi is on, to a number the elector
-- types: that number is journaled by the caller with the request. The
-- outbox row says where it goes (channel, destination), so that
-- isoloir-mailer never looks the number up again. The procedure is
-- replaced, not changed in place (020 is applied on running platforms):
-- the web account still only calls it and still cannot write a hash.

ALTER TABLE password_outbox
  ADD COLUMN channel ENUM('courriel', 'sms') NOT NULL DEFAULT 'courriel' AFTER elector_id,
  ADD COLUMN destination VARCHAR(255) NOT NULL DEFAULT '' AFTER channel,
  ADD KEY (channel, sent_at);

DROP PROCEDURE credential_recover;

DELIMITER //
-- p_channel: 'courriel' or 'sms'; p_typed: the number the elector typed
-- for an SMS, E.164 (checked by the caller, lib/phone.c) or NULL.
-- p_outcome: 'sent', or why not: 'unknown' (no such identifier), 'locked',
-- 'challenge' (wrong answer: the caller counts the failure), 'no_address'
-- (by email, none in the list), 'no_mobile' (by SMS, no mobile number in
-- the list), 'typed_off' (a typed number while mobile_saisi is off),
-- 'too_soon' (one recovery per 15 minutes), 'voted' (nothing left to vote
-- in), 'test' (a test elector). p_elector: the elector when known.
CREATE PROCEDURE credential_recover(p_digest BINARY(32), p_challenge VARCHAR(8),
    p_hash VARCHAR(255), p_password VARCHAR(64), p_channel VARCHAR(8),
    p_typed VARCHAR(16), OUT p_outcome VARCHAR(16), OUT p_elector INT UNSIGNED)
  MODIFIES SQL DATA SQL SECURITY DEFINER
BEGIN
  DECLARE v_nir CHAR(2);
  DECLARE v_email, v_tel, v_dest VARCHAR(255);
  DECLARE v_typing VARCHAR(16);
  DECLARE v_locked, v_recent, v_test, v_left INT DEFAULT 0;
  DECLARE CONTINUE HANDLER FOR NOT FOUND SET p_elector = NULL;
  SET p_elector = NULL;
  SELECT c.elector_id, e.cle_nir, e.email, e.telephone,
      COALESCE(c.locked_until > UTC_TIMESTAMP(), 0),
      COALESCE(c.recovered_at > UTC_TIMESTAMP() - INTERVAL 15 MINUTE, 0), e.test_elector
    INTO p_elector, v_nir, v_email, v_tel, v_locked, v_recent, v_test
    FROM credential c JOIN elector e ON e.id = c.elector_id
    WHERE c.login_digest = p_digest FOR UPDATE;
  -- a plain read: FOR UPDATE would lock the operation row, which every
  -- cast holds shared (lib/cast.c); JSON_EXTRACT as operation_setting
  -- reads it (JSON_VALUE's answer for true is not the text 'true')
  IF p_elector IS NOT NULL THEN
    SELECT COALESCE(JSON_EXTRACT(o.settings, '$.mobile_saisi'), '') INTO v_typing
      FROM operation o JOIN elector e ON e.operation_id = o.id WHERE e.id = p_elector;
  END IF;
  -- the forms lib/phone.c gives a French mobile (phone_is_mobile_e164)
  SET v_dest = CASE
    WHEN p_channel = 'courriel' THEN v_email
    WHEN p_channel <> 'sms' THEN ''
    WHEN p_typed IS NOT NULL THEN p_typed
    ELSE v_tel END;
  IF p_elector IS NULL THEN
    SET p_outcome = 'unknown';
  ELSEIF v_locked THEN
    SET p_outcome = 'locked';
  ELSEIF BINARY v_nir <> BINARY p_challenge THEN
    SET p_outcome = 'challenge';
  ELSEIF v_test THEN
    SET p_outcome = 'test';
  ELSEIF p_channel = 'sms' AND p_typed IS NOT NULL AND v_typing <> 'true' THEN
    SET p_outcome = 'typed_off';
  ELSEIF p_channel = 'sms' AND NOT v_dest REGEXP
      '^\\+(33[67][0-9]{8}|262(639|69[23])[0-9]{6}|590(69[01])[0-9]{6}|594694[0-9]{6}|596(69[67])[0-9]{6})$' THEN
    SET p_outcome = 'no_mobile';
  ELSEIF v_dest = '' THEN
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
      INSERT INTO password_outbox (elector_id, channel, destination, payload)
        VALUES (p_elector, p_channel, v_dest, JSON_OBJECT('mot_de_passe', p_password));
      SET p_outcome = 'sent';
    END IF;
  END IF;
END//
DELIMITER ;

INSERT INTO schema_version (version, name) VALUES (21, '021_password_sms');
