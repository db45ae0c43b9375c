-- small-operation.sql: a tiny operation for web tests: one establishment,
-- one collège, titulaires + suppléants, two electors (credentials are added
-- by tests/lib.sh load_small_operation with tests/component/mkcred).
INSERT INTO operation (code, name, opens_at, closes_at)
  VALUES ('cse-2026', 'Élections CSE 2026', '2026-01-01 07:00:00', '2026-12-31 16:00:00');
INSERT INTO establishment (operation_id, name) VALUES (1, 'Siège');
INSERT INTO college (operation_id, name) VALUES (1, 'Cadres');
INSERT INTO scrutin (operation_id, establishment_id, college_id, category, seats)
  VALUES (1, 1, 1, 'titulaires', 3), (1, 1, 1, 'suppleants', 3);
INSERT INTO elector (operation_id, matricule, nom, prenom, sexe, date_naissance,
  establishment_id, college_id, statut, adresse, code_postal, ville, cle_nir)
  VALUES (1, 'M1', 'Dupré', 'Zoé', 'F', '1980-02-03', 1, 1, 'salarie', '1 rue A', '75001', 'Paris', '42'),
         (1, 'M2', 'Lefèvre', 'Émile', 'M', '1975-06-30', 1, 1, 'fonctionnaire', '2 rue B', '69001', 'Lyon', '17');
INSERT INTO elector_scrutin VALUES (1, 1), (1, 2), (2, 1), (2, 2);
