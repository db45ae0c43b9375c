#!/bin/sh
# console-credentials: `isoloir-console credentials generate` (R-AUTH-1,
# R-DATA-3) on a real platform: every elector without credentials gets an
# identifier (letter mail merge) and a password (email, else SMS, else a
# second letter), only hashes in the database, files 0600 in a new 0700
# directory, a control list without secrets, journaled with each file's
# digest; the new credentials open a session through nginx and the worker.
# kill -9 during the generation, before the commit and before the final
# rename: never credentials without their letters, nor letters without
# credentials; the next run finishes or cleans up.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need_fault_injection
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
CONF=$STACK_DIR/etc/console.conf
D=$STACK_DIR/cred
OUT=$D/out
mkdir -p "$OUT"
HE='matricule;nom;nom_usage;prenom;sexe;date_naissance;etablissement;site;college;statut;adresse;code_postal;ville;email;telephone;cle_nir'

# M1 keeps the fixture's credentials; M3 has an email, M4 a phone, M5 neither.
cat >"$D/electors.csv" <<EOF
$HE
M1;Dupré;;Zoé;F;03/02/1980;Siège;;Cadres;salarie;1 rue A;79000;Niort;;;42
M3;Œuvray;;Chloé;F;29/02/2000;Siège;;Cadres;salarie;"3 rue C; bât. B";75011;Paris;chloe@example.fr;;97
M4;N'Diaye;;Amadou;H;1990-05-06;Siège;;Cadres;fonctionnaire;4 rue D;75012;Paris;;06 12 34 56 78;01
M5;Roux;Blanc;Léo;M;1991-01-01;Siège;;Cadres;salarie;5 rue E;69001;Lyon;;;12
EOF
"$C" import electors "$D/electors.csv" -c "$CONF" >/dev/null 2>&1
expect_eq "electors imported" 0 "$?"
gen() { "$C" credentials generate --out "$OUT" --site "$URL" --threads 2 -c "$CONF" 2>&1; }

out=$(gen)
expect_eq "generation: exit 0" 0 "$?"
expect_match "three generated, channels counted" \
	"3 identifiants générés \(mot de passe par email : 1, par SMS : 1, par courrier : 1\)" "$out"
dir=$(printf '%s\n' "$out" | sed -n 's/^dossier : //p')
expect_match "a new directory" "^$OUT/identifiants-[0-9]{8}-[0-9]{6}$" "$dir"
expect_eq "directory 0700, files 0600" "700 600 600 600" \
	"$(stat -c %a "$dir" "$dir/courrier-identifiants.csv" "$dir/canal-mots-de-passe.csv" "$dir/liste-controle.csv" | tr '\n' ' ' | sed 's/ $//')"
L=$dir/courrier-identifiants.csv
P=$dir/canal-mots-de-passe.csv
K=$dir/liste-controle.csv
expect_eq "letters: header and three rows" 4 "$(wc -l <"$L")"
expect_match "letter of M3: address quoted, identifier, site" \
	"^M3;;Chloé;Œuvray;\"3 rue C; bât. B\";75011;Paris;[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4};$URL\$" "$(grep '^M3;' "$L")"
expect_match "letter of M5 under the usage name" "^M5;;Léo;Blanc;5 rue E;69001;Lyon;" "$(grep '^M5;' "$L")"
expect_match "password of M3 by email" "^M3;email;chloe@example.fr;;;Chloé;Œuvray;[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}\$" "$(grep '^M3;' "$P")"
expect_match "password of M4 by SMS (the number in E.164)" "^M4;sms;\\+33612345678;;;" "$(grep '^M4;' "$P")"
expect_match "password of M5 by a second letter" "^M5;courrier;5 rue E;69001;Lyon;Léo;Blanc;" "$(grep '^M5;' "$P")"
expect_eq "the control list holds no secret" "Siège;Cadres;M4;N'Diaye;Amadou;courrier;sms" "$(grep ';M4;' "$K")"
id3=$(grep '^M3;' "$L" | cut -d';' -f9)
pw3=$(grep '^M3;' "$P" | cut -d';' -f8)
expect_eq "identifier and password nowhere in the control list" 0 "$(grep -c -e "$id3" -e "$pw3" "$K")"
expect_eq "only hashes in the database" "0 4" \
	"$(sql_root electors "SELECT CONCAT(SUM(password_hash LIKE '%$pw3%'), ' ', COUNT(*)) FROM credential")"
expect_match "Argon2id hashes" '^\$argon2id\$' \
	"$(sql_root electors "SELECT password_hash FROM credential c JOIN elector e ON e.id = c.elector_id WHERE e.matricule = 'M3'")"
expect_match "journaled with the digests" \
	"identifiants_generes.*\"sha256_canal\":\"$(sha256sum "$P" | cut -d' ' -f1)\"" \
	"$(sql_root electors "SELECT CONCAT(action, ' ', detail) FROM journal ORDER BY seq DESC LIMIT 1")"

# The letters as PDF: one page each, the password letter only for M5
# (neither email nor phone), never both secrets in one file.
out=$("$C" credentials letters "$dir" --hotline "01 23 45 67 89" -c "$CONF" 2>&1)
expect_eq "letters: exit 0" 0 "$?"
expect_match "letters: three identifier letters" "3 courriers d'identifiant : $dir/courrier-identifiants.pdf" "$out"
expect_match "letters: one password letter" "1 courrier de mot de passe \(à poster un autre jour\)" "$out"
expect_eq "letters: pages" "3 1" "$(pdfinfo "$dir/courrier-identifiants.pdf" | awk '/^Pages:/{print $2}') $(pdfinfo "$dir/courrier-mots-de-passe.pdf" | awk '/^Pages:/{print $2}')"
expect_eq "letters: owner only" "600 600" "$(stat -c %a "$dir/courrier-identifiants.pdf" "$dir/courrier-mots-de-passe.pdf" | tr '\n' ' ' | sed 's/ $//')"
txt=$(pdftotext -layout "$dir/courrier-identifiants.pdf" -)
expect_match "identifier letter of M3: name and address" "Chloé Œuvray" "$txt"
expect_match "identifier letter of M3: its identifier" "Identifiant : $id3" "$txt"
expect_match "identifier letter: the site and the hotline" "Assistance : 01 23 45 67 89" "$txt"
expect_eq "no password in the identifier letters" 0 "$(printf '%s' "$txt" | grep -c -e "$pw3" -e "$(grep '^M5;' "$P" | cut -d';' -f8)")"
ptxt=$(pdftotext -layout "$dir/courrier-mots-de-passe.pdf" -)
expect_match "password letter of M5 (usage name)" "Léo Blanc" "$ptxt"
expect_match "password letter: M5's password" "Mot de passe : $(grep '^M5;' "$P" | cut -d';' -f8)" "$ptxt"
expect_eq "password letter: no identifier, no email password" 0 "$(printf '%s' "$ptxt" | grep -c -e "$id3" -e "$pw3" -e "Identifiant :")"

# The letter and the password open a session through nginx and the worker.
api_login "$id3" "$pw3" 97
expect_match "the new credentials log in" '^200 ' "$(api_req GET /api/electeur)"

# A generation still running (its lock held) is left alone by another.
live=$OUT/.identifiants-en-cours-vivant
mkdir "$live" && : >"$live/.verrou"
flock "$live/.verrou" sleep 20 &
lockpid=$!
sleep 1
out=$(gen)
expect_eq "nothing left to generate: exit 1" 1 "$?"
check "a running generation's directory is not removed" test -d "$live"
kill "$lockpid" 2>/dev/null; wait "$lockpid" 2>/dev/null
rm -rf "$live"
expect_match "nothing left: French message" "aucun électeur sans identifiants : rien à générer" "$out"
expect_eq "no second directory" 1 "$(ls "$OUT" | wc -l)"

# --- crashes: 300 new electors (two batches).
{
	echo "$HE"
	echo "M1;Dupré;;Zoé;F;03/02/1980;Siège;;Cadres;salarie;1 rue A;79000;Niort;;;42"
	i=100
	while [ $i -lt 400 ]; do
		echo "X$i;Nom$i;;Prénom;F;1980-01-01;Siège;;Cadres;salarie;$i rue G;75001;Paris;x$i@example.fr;;42"
		i=$((i + 1))
	done
} >"$D/big.csv"
"$C" import electors "$D/big.csv" -c "$CONF" >/dev/null 2>&1
creds() { sql_root electors "SELECT COUNT(*) FROM credential"; }
expect_eq "before the crashes: M1 only" 1 "$(creds)"
tmps() { ls -A "$OUT" | grep '^\.identifiants-en-cours-' | tr '\n' ' '; }
prev=
for step in credgen-batch credgen-commit; do
	ISOLOIR_FAULT=$step "$C" credentials generate --out "$OUT" --site "$URL" -c "$CONF" >/dev/null 2>&1
	expect_eq "kill -9 at $step: the console died" 137 "$?"
	expect_eq "kill -9 at $step: no credential recorded" 1 "$(creds)"
	expect_eq "kill -9 at $step: no new final directory" 1 "$(ls "$OUT" | wc -l)"
	now=$(tmps)
	expect_match "kill -9 at $step: one temporary directory, a new one" "^\.identifiants-en-cours-[^ ]+ \$" "$now"
	# the run after a crash removes what the crashed run left uncommitted
	[ -z "$prev" ] || expect_eq "the uncommitted one removed by the next run" "" "$(ls -A "$OUT" | grep -F "${prev% }")"
	prev=$now
done
ISOLOIR_FAULT=credgen-rename "$C" credentials generate --out "$OUT" --site "$URL" -c "$CONF" >/dev/null 2>&1
expect_eq "kill -9 after the commit: the console died" 137 "$?"
expect_eq "kill -9 after the commit: credentials recorded" 301 "$(creds)"
expect_eq "its directory not yet renamed" 1 "$(ls "$OUT" | wc -l)"
expect_eq "its temporary directory only (the uncommitted one removed)" 1 "$(tmps | wc -w)"
out=$(gen)
expect_match "next run: the committed directory renamed" "génération interrompue après enregistrement : 1 dossier renommé" "$out"
expect_eq "no temporary directory left" 0 "$(ls -A "$OUT" | grep -c '^\.identifiants-en-cours-')"
expect_eq "two final directories" 2 "$(ls "$OUT" | wc -l)"
last=$(ls -d "$OUT"/identifiants-* | while read -r d; do grep -q '^X100;' "$d/courrier-identifiants.csv" && echo "$d"; done)
expect_eq "the recovered letters: 300 rows" 301 "$(wc -l <"$last/courrier-identifiants.csv")"
expect_match "the recovered directory is the journal's" "\"dossier\":\"$last\"" \
	"$(sql_root electors "SELECT detail FROM journal WHERE action = 'identifiants_generes' ORDER BY seq DESC LIMIT 1")"
x=$(grep '^X250;' "$last/courrier-identifiants.csv" | cut -d';' -f8)
y=$(grep '^X250;' "$last/canal-mots-de-passe.csv" | cut -d';' -f8)
api_login "$x" "$y" 42
expect_match "a recovered credential logs in" '^200 ' "$(api_req GET /api/electeur)"

"$C" credentials generate --site "$URL" -c "$CONF" >/dev/null 2>&1
expect_eq "no --out: usage error" 2 "$?"
finish
