-- 003_model.sql: the election model around scrutins (docs/model.md):
-- bureaux de vote and their members' personal codes, the lifecycle of a
-- scrutin enforced by the database itself, and the head of the journal's
-- hash chain (the lock that keeps concurrent appends on one chain).

-- One bureau per establishment, plus at most one bureau centralisateur
-- (establishment_id NULL) per operation (R-BUR, "several bureaux").
-- min_others: how many members besides the chair a sensitive action needs.
CREATE TABLE bureau (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  operation_id INT UNSIGNED NOT NULL,
  establishment_id INT UNSIGNED NULL,
  name VARCHAR(255) NOT NULL,
  min_others TINYINT UNSIGNED NOT NULL DEFAULT 2,
  scope INT UNSIGNED AS (COALESCE(establishment_id, 0)) PERSISTENT,
  UNIQUE (operation_id, scope),
  FOREIGN KEY (operation_id) REFERENCES operation (id),
  FOREIGN KEY (establishment_id) REFERENCES establishment (id),
  CHECK (min_others >= 1)
) ENGINE=InnoDB;

-- A member and their personal code (Argon2id encoded hash, never the code).
-- A bureau has at most one président and one secrétaire (chair_slot).
-- code_failures counts consecutive refusals; lib/bureau.c locks the code
-- after too many.
CREATE TABLE bureau_member (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  bureau_id INT UNSIGNED NOT NULL,
  role ENUM('president', 'secretaire', 'assesseur', 'delegue') NOT NULL,
  nom VARCHAR(255) NOT NULL,
  prenom VARCHAR(255) NOT NULL,
  matricule VARCHAR(64) NOT NULL DEFAULT '',
  code_hash VARCHAR(255) NULL,
  code_failures INT UNSIGNED NOT NULL DEFAULT 0,
  code_set_at DATETIME(6) NULL,
  chair_slot VARCHAR(16) AS (IF(role IN ('president', 'secretaire'), role, NULL)) PERSISTENT,
  UNIQUE (bureau_id, chair_slot),
  FOREIGN KEY (bureau_id) REFERENCES bureau (id)
) ENGINE=InnoDB;

-- Every scrutin maps to one bureau; every view is scoped to it.
ALTER TABLE scrutin ADD COLUMN bureau_id INT UNSIGNED NULL,
  ADD FOREIGN KEY (bureau_id) REFERENCES bureau (id);

-- The lifecycle of a scrutin. These rows mirror the table of
-- lib/lifecycle.c (tests/component/model-db checks that they agree);
-- the triggers below make a skipped state impossible even by plain SQL.
CREATE TABLE lifecycle_state (
  name VARCHAR(32) NOT NULL PRIMARY KEY,
  label VARCHAR(64) NOT NULL,
  editable BOOLEAN NOT NULL  -- lists and candidates may still change
) ENGINE=InnoDB;

INSERT INTO lifecycle_state (name, label, editable) VALUES
  ('draft', 'en préparation', TRUE),
  ('lists_imported', 'listes importées', TRUE),
  ('keys_generated', 'clés générées', TRUE),
  ('test_vote', 'en vote à blanc', TRUE),
  ('reset', 'remis à zéro', TRUE),
  ('sealed', 'scellé', FALSE),
  ('open', 'ouvert', FALSE),
  ('suspended', 'suspendu', FALSE),
  ('closed', 'clos', FALSE),
  ('counted', 'dépouillé', FALSE),
  ('sealed_after_count', 'scellé après dépouillement', FALSE),
  ('archived', 'archivé', FALSE),
  ('destroyed', 'détruit', FALSE),
  ('stopped', 'arrêté', FALSE);

CREATE TABLE lifecycle_transition (
  from_state VARCHAR(32) NOT NULL,
  to_state VARCHAR(32) NOT NULL,
  auth ENUM('none', 'quorum', 'quorum_or_auto') NOT NULL,
  PRIMARY KEY (from_state, to_state),
  FOREIGN KEY (from_state) REFERENCES lifecycle_state (name),
  FOREIGN KEY (to_state) REFERENCES lifecycle_state (name)
) ENGINE=InnoDB;

INSERT INTO lifecycle_transition (from_state, to_state, auth) VALUES
  ('draft', 'lists_imported', 'none'),
  ('lists_imported', 'keys_generated', 'none'),
  ('keys_generated', 'test_vote', 'none'),
  ('test_vote', 'reset', 'none'),
  ('reset', 'test_vote', 'none'),
  ('reset', 'sealed', 'quorum'),
  ('sealed', 'reset', 'quorum'),
  ('sealed', 'open', 'quorum_or_auto'),
  ('open', 'suspended', 'quorum'),
  ('open', 'closed', 'quorum_or_auto'),
  ('suspended', 'open', 'quorum'),
  ('suspended', 'closed', 'quorum'),
  ('closed', 'counted', 'quorum'),
  ('counted', 'sealed_after_count', 'quorum'),
  ('sealed_after_count', 'archived', 'none'),
  ('archived', 'destroyed', 'quorum'),
  ('draft', 'stopped', 'quorum'),
  ('lists_imported', 'stopped', 'quorum'),
  ('keys_generated', 'stopped', 'quorum'),
  ('test_vote', 'stopped', 'quorum'),
  ('reset', 'stopped', 'quorum'),
  ('sealed', 'stopped', 'quorum'),
  ('open', 'stopped', 'quorum'),
  ('suspended', 'stopped', 'quorum'),
  ('stopped', 'archived', 'none');

ALTER TABLE scrutin ADD FOREIGN KEY (state) REFERENCES lifecycle_state (name);

-- The instance's root account (migrations, the DBA) is not held by these
-- triggers: it could drop them anyway. What catches it is the journal
-- chain and the seal. Every role account is held.
CREATE FUNCTION model_is_root() RETURNS BOOLEAN NOT DETERMINISTIC NO SQL
  RETURN SUBSTRING_INDEX(USER(), '@', 1) = 'root';

DELIMITER //
CREATE TRIGGER scrutin_state_insert BEFORE INSERT ON scrutin FOR EACH ROW
BEGIN
  IF NEW.state <> 'draft' AND NOT model_is_root() THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'un scrutin naît « en préparation »';
  END IF;
END//

CREATE TRIGGER scrutin_state_update BEFORE UPDATE ON scrutin FOR EACH ROW
BEGIN
  DECLARE msg VARCHAR(255);
  IF NEW.state <> OLD.state AND NOT model_is_root() AND NOT EXISTS
      (SELECT 1 FROM lifecycle_transition
       WHERE from_state = OLD.state AND to_state = NEW.state) THEN
    SET msg = CONCAT('transition interdite : ', OLD.state, ' -> ', NEW.state);
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = msg;
  END IF;
END//

-- Lists and candidates are frozen from the sealing on (R-DATA-2: online
-- edit possible until the sealing).
CREATE PROCEDURE model_check_editable(p_scrutin INT UNSIGNED)
  READS SQL DATA
BEGIN
  IF NOT model_is_root() AND NOT EXISTS
      (SELECT 1 FROM scrutin s JOIN lifecycle_state l ON l.name = s.state
       WHERE s.id = p_scrutin AND l.editable) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'listes figées : le scrutin est scellé';
  END IF;
END//

CREATE TRIGGER candidate_list_ins BEFORE INSERT ON candidate_list FOR EACH ROW
  CALL model_check_editable(NEW.scrutin_id)//
CREATE TRIGGER candidate_list_upd BEFORE UPDATE ON candidate_list FOR EACH ROW
BEGIN
  CALL model_check_editable(OLD.scrutin_id);
  CALL model_check_editable(NEW.scrutin_id);
END//
CREATE TRIGGER candidate_list_del BEFORE DELETE ON candidate_list FOR EACH ROW
  CALL model_check_editable(OLD.scrutin_id)//
CREATE TRIGGER candidate_ins BEFORE INSERT ON candidate FOR EACH ROW
  CALL model_check_editable((SELECT scrutin_id FROM candidate_list WHERE id = NEW.list_id))//
CREATE TRIGGER candidate_upd BEFORE UPDATE ON candidate FOR EACH ROW
BEGIN
  CALL model_check_editable((SELECT scrutin_id FROM candidate_list WHERE id = OLD.list_id));
  CALL model_check_editable((SELECT scrutin_id FROM candidate_list WHERE id = NEW.list_id));
END//
CREATE TRIGGER candidate_del BEFORE DELETE ON candidate FOR EACH ROW
  CALL model_check_editable((SELECT scrutin_id FROM candidate_list WHERE id = OLD.list_id))//

-- The test vote's émargements are cleared at the reset (R-BUR-2), and only
-- then: the console holds no DELETE on the émargement, just this.
CREATE PROCEDURE emargement_reset_test(p_scrutin INT UNSIGNED)
  MODIFIES SQL DATA SQL SECURITY DEFINER
BEGIN
  IF NOT EXISTS (SELECT 1 FROM scrutin WHERE id = p_scrutin AND state = 'test_vote') THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'remise à zéro hors du vote à blanc';
  END IF;
  DELETE FROM emargement WHERE scrutin_id = p_scrutin;
END//
DELIMITER ;

-- Head of the journal chain: appenders lock this row (SELECT ... FOR
-- UPDATE) so concurrent appends form one chain; it also reveals a
-- truncated journal (the head names an entry that is gone).
CREATE TABLE journal_head (
  id TINYINT UNSIGNED NOT NULL PRIMARY KEY,
  seq BIGINT UNSIGNED NOT NULL,
  hash BINARY(32) NOT NULL,
  CHECK (id = 1)
) ENGINE=InnoDB;
INSERT INTO journal_head (id, seq, hash) VALUES (1, 0, UNHEX(REPEAT('00', 32)));

INSERT INTO schema_version (version, name) VALUES (3, '003_model');
