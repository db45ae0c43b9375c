-- 005_sub_urns.sql: R-ORG-5, sub-counts by statut. When set, each ballot
-- of the scrutin is filed in the sub-urn of the elector's statut (1 =
-- salariés, 2 = fonctionnaires), chosen by the server at cast time; each
-- sub-urn is totalled and decrypted apart; seats use the sum.
ALTER TABLE scrutin_crypto ADD COLUMN sub_urns BOOLEAN NOT NULL DEFAULT FALSE;

INSERT INTO schema_version (version, name) VALUES (5, '005_sub_urns');
