#!/bin/sh
# pv-copies: R-RES-3 on the real console and databases: once a scrutin is
# proclaimed, `pv copies` lists the copies due (Direction, each union that
# filed a list — a common list's unions each —, posting, DREETS within 15
# days); `pv sent` records a sending (journaled), refuses an unknown
# recipient, a date before the proclamation or in the future, and a second
# recording; the bordereau d'envoi (PDF, pdftotext) shows sent and due.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need pdftotext
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
CONF=$STACK_DIR/etc/console.conf
W=$STACK_DIR/copies
mkdir -p "$W"
sql_root electors "INSERT INTO bureau (operation_id, establishment_id, name) VALUES (1, 1, 'Bureau du Siège');
INSERT INTO bureau_member (bureau_id, role, nom, prenom) VALUES
  (1, 'president', 'Dupont', 'Jean'), (1, 'secretaire', 'Roy', 'Lise'), (1, 'assesseur', 'Martin', 'Anne');
UPDATE scrutin SET bureau_id = 1, state = 'counted'" >/dev/null
for m in 1 2 3; do printf 'code-du-membre-%s\n' $m | "$C" bureau code $m -c "$CONF" >/dev/null; done
printf '1 code-du-membre-1\n2 code-du-membre-2\n3 code-du-membre-3\n' >"$W/codes"
printf '{"scrutin":1,"ballots":2,"counts":[1,1,0,0,0,1,0,1,1,1,1,0,0,0]}\n' >"$W/c1.json"

out=$("$C" pv copies --operation 1 -c "$CONF")
expect_match "nothing proclaimed: nothing due" "^0 copie\(s\) à envoyer" "$out"
"$C" results proclaim --scrutin 1 --counts "$W/c1.json" --codes "$W/codes" -c "$CONF" >/dev/null
today=$(sql_root electors "SELECT UTC_DATE()")
due=$(sql_root electors "SELECT DATE(proclaimed_at + INTERVAL 15 DAY) FROM proclamation WHERE scrutin_id = 1")
out=$("$C" pv copies --operation 1 -c "$CONF")
expect_eq "due: Direction, the 5 unions of the 4 lists, posting, DREETS" \
	"Direction CFDT CGT FO UNSA CFE-CGC Affichage DREETS" "$(printf '%s\n' "$out" | grep '^1	' | cut -f2 | tr '\n' ' ' | sed 's/ $//')"
expect_match "DREETS due within 15 days" "DREETS	administration	À ENVOYER avant le $due" "$out"
expect_match "8 to send" "^8 copie\(s\) à envoyer" "$out"

out=$("$C" pv sent --scrutin 1 --to "Préfecture" --date "$today" -c "$CONF" 2>&1)
expect_match "unknown recipient refused" "ne reçoit aucun PV proclamé ici" "$out"
out=$("$C" pv sent --scrutin 1 --to CGT --date 2020-01-01 -c "$CONF" 2>&1)
expect_match "date before the proclamation refused" "au plus tôt le jour de la proclamation" "$out"
out=$("$C" pv sent --scrutin 1 --to CGT --date 2999-01-01 -c "$CONF" 2>&1)
expect_match "future date refused" "au plus tard aujourd'hui" "$out"
out=$("$C" pv sent --scrutin 1 --to CGT --date 2026-02-30 -c "$CONF" 2>&1)
expect_match "impossible date refused" "date d'envoi « 2026-02-30 »" "$out"
expect_eq "nothing recorded by the refusals" 0 "$(sql_root electors 'SELECT COUNT(*) FROM pv_copy')"

out=$("$C" pv sent --operation 1 --to cgt --date "$today" --moyen "remise en main propre contre décharge" -c "$CONF" 2>&1)
expect_match "sent to CGT (case ignored), for every PV of the operation" "Envoi à cgt le $today enregistré pour 1 procès-verbal" "$out"
out=$("$C" pv sent --scrutin 1 --to DREETS --date "$today" --moyen "télé-procédure Cerfa, accusé n° 4521" -c "$CONF" 2>&1)
expect_match "sent to the DREETS" "enregistré pour 1" "$out"
out=$("$C" pv sent --scrutin 1 --to CGT --date "$today" -c "$CONF" 2>&1)
expect_match "a second recording refused" "déjà enregistré comme envoyé à CGT le $today" "$out"
expect_eq "journaled" "CGT DREETS" \
	"$(sql_root electors "SELECT GROUP_CONCAT(JSON_VALUE(detail, '$.destinataire') ORDER BY seq SEPARATOR ' ') FROM journal WHERE action = 'pv_envoi'")"
out=$("$C" pv copies --scrutin 1 -c "$CONF")
expect_match "CGT listed as sent with its means" "CGT	syndicat	envoyé le $today — remise en main propre" "$out"
expect_match "6 left" "^6 copie\(s\) à envoyer" "$out"

out=$("$C" pv copies --operation 1 --bordereau "$W/bordereau.pdf" -c "$CONF" 2>&1)
expect_match "bordereau written" "bordereau.pdf écrit" "$out"
pdftotext -layout "$W/bordereau.pdf" "$W/b.txt"
t=$(tr -s ' \n' ' ' <"$W/b.txt")
d=$(echo "$today" | awk -F- '{print $3 "/" $2 "/" $1}')
expect_match "bordereau: title" "BORDEREAU D'ENVOI DES PROCÈS-VERBAUX" "$t"
expect_match "bordereau: the scrutin" "Scrutin n° 1 — Siège — Cadres — titulaires — 1er tour — proclamé le" "$t"
expect_match "bordereau: CGT sent, date and means" "CGT organisation syndicale $d remise en main propre" "$t"
expect_match "bordereau: DREETS sent" "DREETS administration du travail $d télé-procédure Cerfa" "$t"
expect_match "bordereau: Direction still due" "Direction direction À ENVOYER" "$t"
expect_match "bordereau: the count left" "6 copie\(s\) restent à envoyer" "$t"
finish
