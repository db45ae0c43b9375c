#!/bin/sh
# cast-cache: a worker thread keeps what casts are checked against between
# casts (lib/castcache.h, issue 6) and never casts on stale values. With
# one worker thread, once a cast has loaded them: (c) the password asked
# again (R-VOTE-4) refuses a cast sent without it; (a) the closing time
# moved into the past refuses the next cast as closed (R-ORG-4); (b) a
# scrutin key changed under it refuses a ballot made for the old key,
# never recorded. Each time the cast's locked read finds the change and the
# values are read again; put back, casts go through. Also counts the
# electors database's statements (Questions) of a first cast and of casts
# on kept values.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node
ISOLOIR_WORKERS=1 ISOLOIR_THREADS=1
export ISOLOIR_WORKERS ISOLOIR_THREADS
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
PW=2345-6789-ABCD-EFGH
id_of() { echo "ABCD-EFGH-JK$(printf '%02d' "$1" | tr 0123456789 ABCDEFGHJK)"; }
for i in 10 11 12 13 14 15 16 17; do
	sql_root electors "INSERT INTO elector (id,operation_id,matricule,nom,prenom,sexe,date_naissance,establishment_id,college_id,statut,adresse,code_postal,ville,cle_nir)
	 VALUES ($i,1,'C$i','Test','Cache','F','1980-01-01',1,1,'salarie','1 rue A','75001','Paris','42');
	 INSERT INTO elector_scrutin VALUES ($i,1), ($i,2);" >/dev/null
	"$ISOLOIR_BUILDDIR/tests/component/mkcred" "$STACK_DIR/etc/console.conf" $i "$(id_of $i)" $PW >>"$STACK_DIR/cred-c.sql"
done
sql_root electors "$(cat "$STACK_DIR/cred-c.sql"); UPDATE scrutin SET state = 'open';
UPDATE operation SET opens_at = UTC_TIMESTAMP() - INTERVAL 1 DAY, closes_at = UTC_TIMESTAMP() + INTERVAL 1 DAY" >/dev/null
marks() { sql_root electors "SELECT COUNT(*) FROM emargement WHERE scrutin_id = $1"; }
ballots() { sql_root urn "SELECT COUNT(*) FROM ballot WHERE scrutin_id = $1"; }
stale_reads() { grep -c 'paramètres changés depuis leur lecture' "$STACK_DIR"/fcgi/w*.log; }
questions() {
	sql_root electors "SELECT VARIABLE_VALUE FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME = 'QUESTIONS'"
}
# prepare ELECTOR SCRUTIN : logged in (its cookie jar kept as jar.ELECTOR,
# CSRF in csrf.ELECTOR), a ballot encrypted for the page's key in vote.ELECTOR
prepare() {
	api_login "$(id_of "$1")" $PW 42
	page=$(api_req GET "/api/bulletin?scrutin=$2")
	printf '%s' "${page#200 }" >"$STACK_DIR/page.json"
	choice=-1
	[ "$2" != 1 ] || choice='0 101'
	# shellcheck disable=SC2086
	node_web web/test/tools/encrypt.mjs $choice <"$STACK_DIR/page.json" >"$STACK_DIR/vote.$1"
	cp "$STACK_DIR/jar" "$STACK_DIR/jar.$1"
	printf '%s' "$CSRF" >"$STACK_DIR/csrf.$1"
}
cast() { # cast ELECTOR [BODY-FILE]
	cp "$STACK_DIR/jar.$1" "$STACK_DIR/jar"
	CSRF=$(cat "$STACK_DIR/csrf.$1")
	api_req POST /api/vote "${2:-$STACK_DIR/vote.$1}"
}

# The first cast of the thread loads; the next ones use what it kept.
prepare 10 1
q0=$(questions)
expect_match "first cast recorded" '^200 .*bien été enregistré' "$(cast 10)"
q1=$(questions)
for i in 11 12 13; do prepare $i 1; done
q2=$(questions) s2=$(date +%s)
for i in 11 12 13; do expect_match "cast on kept values recorded (elector $i)" '^200 .*bien été enregistré' "$(cast $i)"; done
q3=$(questions) s3=$(date +%s)
# each reading of the counter counts 2 (the mariadb client's own); the
# casts may also write the casts per address (lib/burst.h, at most once
# a second: 4 statements, so once per second begun during the casts), and
# the recovery thread's pass (every 15 s) may read XA RECOVER once
first=$((q1 - q0 - 2)) next=$(((q3 - q2 - 2) * 100 / 3)) writes=$((s3 - s2 + 1))
echo "# electors statements: first cast $first, next casts $((next / 100)).$(printf '%02d' $((next % 100))) each, over $((s3 - s2)) s"
check "casts on kept values ask at most 7 statements each (+ the counts per address written once per second, + one recovery pass)" \
	test $((q3 - q2 - 2)) -le $((3 * 7 + 4 * writes + 1))
expect_eq "four ballots, four émargements" "4 4" "$(ballots 1) $(marks 1)"

# (c) R-VOTE-4 switched on after the thread kept the setting off.
prepare 14 1
sql_root electors "UPDATE operation SET settings = JSON_SET(settings, '\$.ressaisie_mot_de_passe', TRUE)" >/dev/null
s0=$(stale_reads)
expect_match "(c) password asked again: a cast without it is refused" '^400 .*Saisissez à nouveau votre mot de passe' "$(cast 14)"
expect_eq "(c) nothing recorded" "4 4" "$(ballots 1) $(marks 1)"
check "(c) the locked read found the kept setting stale" test "$(stale_reads)" -gt "$s0"
sed "s/^{/{\"mot_de_passe\":\"$PW\",/" "$STACK_DIR/vote.14" >"$STACK_DIR/pw.14"
expect_match "(c) with the password: recorded" '^200 .*bien été enregistré' "$(cast 14 "$STACK_DIR/pw.14")"
sql_root electors "UPDATE operation SET settings = JSON_REMOVE(settings, '\$.ressaisie_mot_de_passe')" >/dev/null
prepare 15 1
expect_match "(c) switched off again: recorded without it" '^200 .*bien été enregistré' "$(cast 15)"

# (a) R-ORG-4: the closing time moved into the past after the thread kept
# the calendar (the cast just above loaded it again).
prepare 16 1
sql_root electors "UPDATE operation SET closes_at = UTC_TIMESTAMP() - INTERVAL 1 MINUTE, grace_seconds = 0" >/dev/null
s0=$(stale_reads)
expect_match "(a) closed since: refused with the closed state" '^409 \{"erreur":"Le vote est clos."\}' "$(cast 16)"
expect_eq "(a) nothing recorded" "6 6" "$(ballots 1) $(marks 1)"
check "(a) the locked read found the kept calendar stale" test "$(stale_reads)" -gt "$s0"
sql_root electors "UPDATE operation SET closes_at = UTC_TIMESTAMP() + INTERVAL 1 DAY" >/dev/null
expect_match "(a) open again: the thread, which kept « closed », reads again and records" \
	'^200 .*bien été enregistré' "$(cast 16)"

# (b) The key of scrutin 2 changed under a kept entry (an operator's error
# or an attacker's SQL): a ballot made for the old key is never recorded.
prepare 10 2
expect_match "(b) scrutin 2: first cast recorded (its values kept)" '^200 ' "$(cast 10)"
prepare 11 2
old=$(sql_root electors "SELECT public_key FROM scrutin_crypto WHERE scrutin_id = 2")
other=03374de782b1058f5e012c5dd93ee71f6e42326376327323894bee9f4f9163fa44
sql_root electors "UPDATE scrutin_crypto SET public_key = '$other' WHERE scrutin_id = 2" >/dev/null
s0=$(stale_reads)
expect_match "(b) key changed: the old key's ballot is refused" '^400 .*Bulletin refusé' "$(cast 11)"
expect_eq "(b) nothing recorded" "1 1" "$(ballots 2) $(marks 2)"
check "(b) the locked read found the kept key stale" test "$(stale_reads)" -gt "$s0"
sql_root electors "UPDATE scrutin_crypto SET public_key = '$old' WHERE scrutin_id = 2" >/dev/null
expect_match "(b) key put back: the thread, which kept the other key, reads again and records" \
	'^200 .*bien été enregistré' "$(cast 11)"
expect_eq "(b) two ballots, two émargements" "2 2" "$(ballots 2) $(marks 2)"
finish
