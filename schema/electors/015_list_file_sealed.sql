-- 015_list_file_sealed.sql: a list's logo and profession de foi are frozen
-- with its list from the sealing on (R-BUR-3, R-VOTE-2), as the lists and
-- candidates are (003_model); the seal covers their digests (lib/seal.c).
DELIMITER //
CREATE TRIGGER list_file_ins BEFORE INSERT ON list_file FOR EACH ROW
  CALL model_check_editable((SELECT scrutin_id FROM candidate_list WHERE id = NEW.list_id))//
CREATE TRIGGER list_file_upd BEFORE UPDATE ON list_file FOR EACH ROW
BEGIN
  CALL model_check_editable((SELECT scrutin_id FROM candidate_list WHERE id = OLD.list_id));
  CALL model_check_editable((SELECT scrutin_id FROM candidate_list WHERE id = NEW.list_id));
END//
CREATE TRIGGER list_file_del BEFORE DELETE ON list_file FOR EACH ROW
  CALL model_check_editable((SELECT scrutin_id FROM candidate_list WHERE id = OLD.list_id))//
DELIMITER ;

INSERT INTO schema_version (version, name) VALUES (15, '015_list_file_sealed');
