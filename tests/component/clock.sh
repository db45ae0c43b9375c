#!/bin/sh
# clock: `isoloir-console scrutin tick`, the election's clock (R-ORG-4,
# R-ORG-6, R-BUR-8) on a real platform: a sealed scrutin opens by itself at
# its time when the operation asks for it, never before; an open one
# closes by itself once the closing time and the grace period have passed,
# never before (nor by `--auto` from the console); the closing freezes the
# counts of the urn and the émargement and the digest of the urn's trackers
# in the journal.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
export ISOLOIR_CONSOLE_CONF="$STACK_DIR/etc/console.conf"
state() { sql_root electors "SELECT state FROM scrutin WHERE id = $1"; }
last_journal() { sql_root electors "SELECT CONCAT(action, ' ', detail) FROM journal ORDER BY seq DESC LIMIT 1"; }

# A bureau with codes; the opening 45 s and the closing 75 s from now (the
# seal covers the dates, so they are set before sealing); automatic
# opening asked for.
sql_root electors "INSERT INTO bureau (operation_id, establishment_id, name) VALUES (1, 1, 'Bureau du Siège');
INSERT INTO bureau_member (bureau_id, role, nom, prenom) VALUES
  (1, 'president', 'Dupont', 'Jean'), (1, 'secretaire', 'Roy', 'Lise'), (1, 'assesseur', 'Martin', 'Anne');
UPDATE scrutin SET bureau_id = 1;
UPDATE operation SET opens_at = UTC_TIMESTAMP() + INTERVAL 45 SECOND,
  closes_at = UTC_TIMESTAMP() + INTERVAL 75 SECOND, grace_seconds = 0,
  settings = JSON_SET(settings, '\$.ouverture_automatique', TRUE)" >/dev/null
opens=$(($(date +%s) + 45))
closes=$(($(date +%s) + 75))
for m in 1 2 3; do printf 'code-du-membre-%s\n' $m | "$C" bureau code $m >/dev/null; done
# R-BUR-3: a code once set changes only with the current one.
out=$(printf 'code-de-l-operateur\n' | "$C" bureau code 1 2>&1)
expect_match "a member's code cannot be overwritten from the console (the current one is asked)" "rien n'a changé" "$out"
out=$(printf 'mauvais-code-1\nnouveau-code-1\n' | "$C" bureau code 1 2>&1)
expect_match "…nor with a wrong current code" "Code actuel incorrect : rien n'a changé" "$out"
out=$(printf 'code-du-membre-1\nnouveau-code-du-membre-1\n' | "$C" bureau code 1 2>&1)
expect_match "…the member changes it with the current one" "code personnel du membre 1 enregistré" "$out"
printf '1 nouveau-code-du-membre-1\n2 code-du-membre-2\n3 code-du-membre-3\n' >"$STACK_DIR/codes"
for to in lists_imported keys_generated test_vote reset; do "$C" scrutin transition 1 $to >/dev/null; done
"$C" scrutin transition 1 sealed --codes "$STACK_DIR/codes" >/dev/null
expect_eq "scrutin 1 sealed" sealed "$(state 1)"

out=$("$C" scrutin tick 2>&1)
expect_match "before the opening time: nothing to do" "Rien à faire" "$out"
expect_eq "…still sealed" sealed "$(state 1)"
out=$("$C" scrutin transition 1 open --auto 2>&1)
expect_match "automatic opening before the time refused" "ne peut pas passer à « ouvert » automatiquement avant l'heure prévue" "$out"

expect_eq "(these checks ran before the opening time)" 1 "$([ "$(date +%s)" -lt "$opens" ] && echo 1)"

while [ "$(date +%s)" -le "$opens" ]; do sleep 1; done
out=$("$C" scrutin tick 2>&1)
expect_match "at the opening time: opened by the clock" "Scrutin n° 1 : « ouvert » \(automatique, à l'heure prévue\)" "$out"
expect_match "…journaled as automatic" '^transition .*"vers":"open".*"automatique":true' "$(last_journal)"

# R-BUR-3: every tick checks the seals of the scrutins in vote.
expect_match "the tick checks the seal" "Scellements vérifiés : 1 scrutin en vote, conforme" "$("$C" scrutin tick 2>&1)"
sql_root electors "UPDATE candidate SET prenom = 'Lea' WHERE id = 1" >/dev/null
out=$("$C" scrutin tick 2>&1); rc=$?
expect_match "a changed list: alert" "ALERTE : scrutin n° 1 : scellement non conforme : .*listes et candidats" "$out"
expect_eq "…exit 1" 1 "$rc"
expect_match "…journaled as a periodic check" '^scellement_non_conforme \{"controle":"periodique"' \
	"$(sql_root electors "SELECT CONCAT(action, ' ', detail) FROM journal ORDER BY seq DESC LIMIT 1")"
sql_root electors "UPDATE candidate SET prenom = 'Léa' WHERE id = 1" >/dev/null

api_login ABCD-EFGH-JKMN 2345-6789-ABCD-EFGH 42
expect_match "a vote" '^200 ' "$(api_vote 1 0 111)"
out=$("$C" scrutin transition 1 closed --auto 2>&1)
expect_match "automatic closing before the time refused" "avant l'heure prévue \(clôture et prolongation\)" "$out"
expect_match "the clock does not close early either" "Rien à faire" "$("$C" scrutin tick 2>&1)"
expect_eq "…still open" open "$(state 1)"

while [ "$(date +%s)" -le "$closes" ]; do sleep 1; done
out=$("$C" scrutin tick 2>&1)
expect_match "after the closing time: closed by the clock" "Scrutin n° 1 : « clos » \(automatique, à l'heure prévue\)" "$out"
expect_eq "scrutin 1 closed" closed "$(state 1)"
digest=$(sql_root urn "SELECT LOWER(HEX(tracker)) FROM ballot WHERE scrutin_id = 1 ORDER BY tracker" | tr -d '\n' | unhex | sha256sum | cut -d' ' -f1)
expect_match "closing journaled with the frozen counts and the urn's digest" \
	"\"bulletins\":1,\"emargements\":1,\"empreinte_urne\":\"$digest\"" "$(last_journal)"
expect_match "no vote after the closing" '^(403|409) ' "$(api_vote 1 0 111)"
finish
