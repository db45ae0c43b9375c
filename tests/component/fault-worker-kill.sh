#!/bin/sh
# fault-worker-kill: reliability.md "Faults": the FastCGI worker is killed
# (SIGKILL) at each step of a cast made through nginx: after the proofs are
# verified, after the émargement is prepared, after the urn commit, after
# the émargement commit, and while answering. Each time the elector sees an
# error, recovery settles the cast, and the same ballot sent again gives
# "vote enregistré" — never two votes; ballots = émargements throughout.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need_fault_injection
need node
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
STEPS="after-verify after-electors-prepare after-urn-commit after-electors-commit before-response"
# One elector per step, voting in scrutin 1.
i=10
for s in $STEPS; do
	sql_root electors "INSERT INTO elector (id,operation_id,matricule,nom,prenom,sexe,date_naissance,establishment_id,college_id,statut,adresse,code_postal,ville,cle_nir)
	 VALUES ($i,1,'F$i','Test','Panne','F','1980-01-01',1,1,'salarie','1 rue A','75001','Paris','42');
	 INSERT INTO elector_scrutin VALUES ($i,1);" >/dev/null
	"$ISOLOIR_BUILDDIR/tests/component/mkcred" "$STACK_DIR/etc/console.conf" $i "ABCD-EFGH-JK$(printf '%02d' $i | tr 0123456789 ABCDEFGHJK)" 2345-6789-ABCD-EFGH >>"$STACK_DIR/cred-fault.sql"
	i=$((i + 1))
done
sql_root electors "$(cat "$STACK_DIR/cred-fault.sql"); UPDATE scrutin SET state = 'open' WHERE id = 1" >/dev/null
ballots() { sql_root urn "SELECT COUNT(*) FROM ballot WHERE scrutin_id = 1"; }
marks() { sql_root electors "SELECT COUNT(*) FROM emargement WHERE scrutin_id = 1"; }

i=10
for s in $STEPS; do
	id="ABCD-EFGH-JK$(printf '%02d' $i | tr 0123456789 ABCDEFGHJK)"
	api_login "$id" 2345-6789-ABCD-EFGH 42
	page=$(api_req GET '/api/bulletin?scrutin=1')
	printf '%s' "${page#200 }" >"$STACK_DIR/page.json"
	node_web web/test/tools/encrypt.mjs 2 11 <"$STACK_DIR/page.json" >"$STACK_DIR/vote-$s.json"
	ISOLOIR_FAULT=$s "$ISOLOIR_SRCDIR/scripts/stack" restart-workers "$STACK_DIR" >/dev/null
	out=$(api_req POST /api/vote "$STACK_DIR/vote-$s.json")
	expect_match "$s: the worker dies, the elector gets an error" '^50[0-9]' "$out"
	"$ISOLOIR_SRCDIR/scripts/stack" restart-workers "$STACK_DIR" >/dev/null
	"$ISOLOIR_BUILDDIR/tests/component/cast-db" "$STACK_DIR/etc/web.conf" recover 0 >/dev/null
	expect_eq "$s: after recovery, ballots = émargements" "$(marks)" "$(ballots)"
	out=$(api_req POST /api/vote "$STACK_DIR/vote-$s.json")
	expect_match "$s: the same ballot again: recorded, receipt" '^200 .*bien été enregistré' "$out"
	i=$((i + 1))
done
expect_eq "five electors, five ballots, five émargements" "5 5" "$(ballots) $(marks)"
"$ISOLOIR_BUILDDIR/tests/component/cast-db" "$STACK_DIR/etc/web.conf" recover 0 >/dev/null
expect_eq "no cast left in flight once the recovery ran" 0 "$(sql_root urn 'SELECT COUNT(*) FROM cast_decision WHERE decision = "commit"')"
finish
