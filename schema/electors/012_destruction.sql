-- 012_destruction.sql: R-BUR-9, R-OPS-5, R-RES-3: what happens after the
-- proclamation. The recourse period (operation setting
-- delai_recours_jours, 15 by default) runs from the last proclamation and
-- is extended by a dispute until the final decision is recorded; then the
-- personal data is destroyed in order, each step fingerprinted just
-- before and recorded here, so that an interrupted destruction resumes
-- where it stopped and the certificate tells exactly what went.

-- A dispute filed against the election (contentieux): while one is open
-- nothing is destroyed; the recourse ends at the latest of the legal
-- deadline and the final decision's recording.
CREATE TABLE dispute (
  id INT UNSIGNED NOT NULL AUTO_INCREMENT PRIMARY KEY,
  operation_id INT UNSIGNED NOT NULL,
  opened_text TEXT NOT NULL,          -- court, case, who filed it
  opened_by VARCHAR(512) NOT NULL,    -- the bureau members who recorded it
  opened_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  closed_text TEXT NULL,              -- the final decision
  closed_by VARCHAR(512) NULL,
  closed_at DATETIME(6) NULL,
  FOREIGN KEY (operation_id) REFERENCES operation (id)
) ENGINE=InnoDB;

-- One row per destruction step of an operation: 1 electors file and
-- credentials, 2 émargement, 3 the urn's ballots. The row is written with
-- the data's fingerprint before anything is deleted; destroyed_at is set
-- when the data is gone.
CREATE TABLE destruction (
  operation_id INT UNSIGNED NOT NULL,
  step TINYINT UNSIGNED NOT NULL,
  what VARCHAR(255) NOT NULL,
  row_count BIGINT UNSIGNED NOT NULL,
  sha256 CHAR(64) NOT NULL,
  fingerprinted_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
  destroyed_at DATETIME(6) NULL,
  authorised_by VARCHAR(512) NOT NULL,
  actor VARCHAR(128) NOT NULL,
  PRIMARY KEY (operation_id, step),
  CHECK (step BETWEEN 1 AND 3),
  FOREIGN KEY (operation_id) REFERENCES operation (id)
) ENGINE=InnoDB;

-- Who was sent a copy of each PV, and when (R-RES-3): the Direction, each
-- union that filed a list, the posting (affichage), the labour
-- administration (DREETS, Cerfa télé-procédure).
CREATE TABLE pv_copy (
  scrutin_id INT UNSIGNED NOT NULL,
  recipient VARCHAR(255) NOT NULL,
  kind ENUM('direction', 'syndicat', 'affichage', 'administration') NOT NULL,
  sent_on DATE NULL,
  means VARCHAR(255) NOT NULL DEFAULT '',
  recorded_by VARCHAR(128) NULL,
  recorded_at DATETIME(6) NULL,
  PRIMARY KEY (scrutin_id, recipient),
  FOREIGN KEY (scrutin_id) REFERENCES scrutin (id)
) ENGINE=InnoDB;

DELIMITER //
-- The console never reads the émargement (R-BUR-6): it gets the
-- fingerprint of an operation's émargement, rows in id order, each
-- "id|scrutin|elector|voted_at" followed by "\n" (as lib/destroy.c
-- fingerprints the other data).
CREATE PROCEDURE emargement_fingerprint(p_operation INT UNSIGNED, OUT p_rows BIGINT UNSIGNED,
    OUT p_sha CHAR(64))
  READS SQL DATA SQL SECURITY DEFINER
BEGIN
  SET SESSION group_concat_max_len = 4294967295;
  SELECT COUNT(*), SHA2(COALESCE(CONCAT(GROUP_CONCAT(CONCAT_WS('|', e.id, e.scrutin_id,
      e.elector_id, DATE_FORMAT(e.voted_at, '%Y-%m-%d %H:%i:%s.%f')) ORDER BY e.id
      SEPARATOR '\n'), '\n'), ''), 256)
    INTO p_rows, p_sha
    FROM emargement e JOIN scrutin s ON s.id = e.scrutin_id WHERE s.operation_id = p_operation;
END//

-- And destroys it only as step 2 of a recorded destruction, after the
-- electors file (step 1) is gone.
CREATE PROCEDURE emargement_destroy(p_operation INT UNSIGNED)
  MODIFIES SQL DATA SQL SECURITY DEFINER
BEGIN
  IF NOT EXISTS (SELECT 1 FROM destruction WHERE operation_id = p_operation AND step = 1
      AND destroyed_at IS NOT NULL)
     OR NOT EXISTS (SELECT 1 FROM destruction WHERE operation_id = p_operation AND step = 2) THEN
    SIGNAL SQLSTATE '45000' SET MESSAGE_TEXT = 'destruction de l''émargement hors de son ordre';
  END IF;
  DELETE e FROM emargement e JOIN scrutin s ON s.id = e.scrutin_id
    WHERE s.operation_id = p_operation;
  DELETE c FROM emargement_checkpoint c JOIN scrutin s ON s.id = c.scrutin_id
    WHERE s.operation_id = p_operation;
END//
DELIMITER ;

INSERT INTO schema_version (version, name) VALUES (12, '012_destruction');
