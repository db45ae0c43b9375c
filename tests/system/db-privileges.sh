#!/bin/sh
# db-privileges: least privilege of the role accounts (R-DATA-4, stack.md):
# the web account cannot UPDATE/DELETE ballots nor read the émargement, the
# console cannot cast, nobody but root can change a ballot; only the
# console writes the count's partial sums.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
stack_up

# A scrutin and an elector to work with (as root, like an import would).
sql_root electors "INSERT INTO operation (code,name,opens_at,closes_at) VALUES ('t','Test','2026-01-01','2026-01-02');
INSERT INTO establishment (operation_id,name) VALUES (1,'Siège');
INSERT INTO college (operation_id,name) VALUES (1,'Cadres');
INSERT INTO scrutin (operation_id,establishment_id,college_id,category,seats) VALUES (1,1,1,'titulaires',3);
INSERT INTO elector (operation_id,matricule,nom,prenom,sexe,date_naissance,establishment_id,college_id,statut,adresse,code_postal,ville,cle_nir)
 VALUES (1,'M1','Dupré','Zoé','F','1980-02-03',1,1,'salarie','1 rue A','75001','Paris','12');" >/dev/null

denied() { printf '%s' "$1" | grep -q 'denied'; }

out=$(sql_as web urn "INSERT INTO ballot (tracker,scrutin_id,body) VALUES (UNHEX(SHA2('b1',256)),1,'{}')")
expect_eq "web may insert a ballot" "" "$out"
out=$(sql_as web urn "SELECT COUNT(*) FROM ballot WHERE tracker=UNHEX(SHA2('b1',256))")
expect_eq "web may find a ballot by tracker" "1" "$out"
check "web cannot UPDATE a ballot" denied "$(sql_as web urn "UPDATE ballot SET body='x'")"
check "web cannot DELETE a ballot" denied "$(sql_as web urn "DELETE FROM ballot")"
check "web cannot DROP the ballot table" denied "$(sql_as web urn "DROP TABLE ballot")"

out=$(sql_as web electors "INSERT INTO emargement (scrutin_id,elector_id,voted_at) VALUES (1,1,NOW(6))")
expect_eq "web may record an émargement" "" "$out"
check "web cannot read the émargement" denied "$(sql_as web electors "SELECT * FROM emargement")"
check "web cannot UPDATE the émargement" denied "$(sql_as web electors "UPDATE emargement SET voted_at=NOW()")"
check "web cannot DELETE the émargement" denied "$(sql_as web electors "DELETE FROM emargement")"
expect_eq "web may ask whether this elector voted" "1" "$(sql_as web electors "SELECT emargement_has_voted(1,1)")"
out=$(sql_as web electors "INSERT INTO emargement (scrutin_id,elector_id,voted_at) VALUES (1,1,NOW(6))")
expect_match "second émargement of the same elector refused" 'Duplicate entry' "$out"
check "web cannot change an elector" denied "$(sql_as web electors "UPDATE elector SET nom='X'")"
check "web cannot replace a password hash" denied "$(sql_as web electors "UPDATE credential SET password_hash='x'")"

check "console cannot cast (no INSERT on ballot)" denied "$(sql_as console urn "INSERT INTO ballot (tracker,scrutin_id,body) VALUES (UNHEX(SHA2('b2',256)),1,'{}')")"
check "console cannot record an émargement" denied "$(sql_as console electors "INSERT INTO emargement (scrutin_id,elector_id,voted_at) VALUES (1,1,NOW(6))")"
check "console cannot read the émargement list" denied "$(sql_as console electors "SELECT * FROM emargement")"
expect_eq "console sees the turnout count" "1" "$(sql_as console electors "SELECT emargement_count(1)")"
check "console cannot UPDATE a ballot" denied "$(sql_as console urn "UPDATE ballot SET body='x'")"

check "hotline cannot read password hashes" denied "$(sql_as hotline electors "SELECT password_hash FROM credential")"
check "hotline cannot read the émargement" denied "$(sql_as hotline electors "SELECT * FROM emargement")"
expect_eq "bureau reads the émargement" "1" "$(sql_as bureau electors "SELECT COUNT(*) FROM emargement")"
check "bureau cannot change a ballot" denied "$(sql_as bureau urn "UPDATE ballot SET body='x'")"
check "web has no access to the urn journal" denied "$(sql_as web urn "SELECT * FROM journal")"
# urn 007: the partial sums of the count are the console's alone to write.
check "web has no access to the partial sums" denied "$(sql_as web urn "SELECT * FROM tally_bucket")"
check "bureau cannot change the partial sums" denied "$(sql_as bureau urn "DELETE FROM tally_bucket")"
expect_eq "console writes the partial sums" "1" "$(sql_as console urn "INSERT INTO tally_bucket VALUES (9, 0, 0, 0, '', '', REPEAT('x', 32)); SELECT COUNT(*) FROM tally_bucket")"
finish
