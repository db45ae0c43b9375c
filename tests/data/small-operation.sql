-- small-operation.sql: a tiny operation for web tests: one establishment,
-- one collège, titulaires + suppléants, two electors (credentials are added
-- by tests/lib.sh load_small_operation with tests/component/mkcred).
-- Sealing is relaxed (scellement_allege): the tests that are not about
-- the sealing reach « scellé » without the test vote compared with its plan
-- or the sealing meeting; those about it remove the setting (the default
-- is strict: tests/component/seal-strict.sh, ceremony.sh).
INSERT INTO operation (code, name, opens_at, closes_at, settings)
  VALUES ('cse-2026', 'Élections CSE 2026', '2026-01-01 07:00:00', '2026-12-31 16:00:00',
          '{"scellement_allege":true}');
INSERT INTO establishment (operation_id, name) VALUES (1, 'Siège');
INSERT INTO college (operation_id, name) VALUES (1, 'Cadres');
INSERT INTO scrutin (operation_id, establishment_id, college_id, category, seats)
  VALUES (1, 1, 1, 'titulaires', 3), (1, 1, 1, 'suppleants', 3);
INSERT INTO elector (operation_id, matricule, nom, prenom, sexe, date_naissance,
  establishment_id, college_id, statut, adresse, code_postal, ville, cle_nir)
  VALUES (1, 'M1', 'Dupré', 'Zoé', 'F', '1980-02-03', 1, 1, 'salarie', '1 rue A', '75001', 'Paris', '42'),
         (1, 'M2', 'Lefèvre', 'Émile', 'M', '1975-06-30', 1, 1, 'fonctionnaire', '2 rue B', '69001', 'Lyon', '17');
INSERT INTO elector_scrutin VALUES (1, 1), (1, 2), (2, 1), (2, 2);
-- Lists and candidates: titulaires (scrutin 1) 4 lists, suppléants (2) 2.
INSERT INTO candidate_list (scrutin_id, position, name, unions) VALUES
  (1, 1, 'Liste CFDT', 'CFDT'), (1, 2, 'Liste CGT', 'CGT'),
  (1, 3, 'Liste commune FO–UNSA', 'FO+UNSA'), (1, 4, 'Liste CFE-CGC', 'CFE-CGC'),
  (2, 1, 'Liste CFDT', 'CFDT'), (2, 2, 'Liste CGT', 'CGT');
INSERT INTO candidate (list_id, position, nom, prenom, sexe, date_naissance) VALUES
  (1, 1, 'Martin', 'Léa', 'F', '1982-03-04'), (1, 2, 'Bernard', 'Hugo', 'M', '1979-11-20'),
  (1, 3, 'Petit', 'Chloé', 'F', '1990-07-14'),
  (2, 1, 'Durand', 'Noé', 'M', '1985-01-09'), (2, 2, 'Leroy', 'Inès', 'F', '1988-05-30'),
  (2, 3, 'Moreau', 'Jules', 'M', '1972-09-12'),
  (3, 1, 'Fournier', 'Camille', 'F', '1983-02-17'), (3, 2, 'Girard', 'Théo', 'M', '1991-12-01'),
  (4, 1, 'Bonnet', 'Anaïs', 'F', '1977-04-23'),
  (5, 1, 'Roux', 'Maël', 'M', '1986-06-06'), (5, 2, 'Blanc', 'Zoé', 'F', '1993-10-10'),
  (6, 1, 'Faure', 'Élise', 'F', '1980-08-08'), (6, 2, 'Mercier', 'Lucas', 'M', '1984-03-03');
-- The public key of tests/vectors/ballot-4x3.json (its secret is in the file).
INSERT INTO scrutin_crypto (scrutin_id, public_key, fingerprint, nul_slot) VALUES
  (1, '020e0144f97745d9908acec827d92843735cd0b1d219c7c10a54ad2b92781c189a',
      'a32b4bdf5b52a75f3962132640617b69d656832677a3ee9c49fbababc26ddc81', FALSE),
  (2, '020e0144f97745d9908acec827d92843735cd0b1d219c7c10a54ad2b92781c189a',
      '1111111111111111111111111111111111111111111111111111111111111111', FALSE);
