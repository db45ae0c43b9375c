#!/bin/sh
# operation-create: `isoloir-console operation create FILE` (docs/operations.md,
# R-ORG-1/4/6, R-BUR): a good description gives the rows and one journal
# entry with the file's SHA-256; each bad file is refused with the exact
# French reason and its line, and nothing is written; --check writes
# nothing; a kill -9 mid-create or just before the commit leaves nothing;
# `operation update` keeps the members' codes and is refused once a
# scrutin is sealed; `operation show` prints a file that reads back.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need_fault_injection
stack_up
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
CONF=$STACK_DIR/etc/console.conf
D=$STACK_DIR/opdef
mkdir -p "$D"

snapshot() { # everything an operation description writes, as text
	sql_root electors "SELECT CONCAT_WS('|', id, code, name, training, opens_at, closes_at,
		grace_seconds, CAST(settings AS CHAR)) FROM operation ORDER BY id;
		SELECT CONCAT_WS('|', id, name) FROM establishment ORDER BY id;
		SELECT CONCAT_WS('|', id, name) FROM college ORDER BY id;
		SELECT CONCAT_WS('|', id, establishment_id, college_id, category, round, seats,
			bureau_id, state) FROM scrutin ORDER BY id;
		SELECT CONCAT_WS('|', id, COALESCE(establishment_id, '-'), name, min_others) FROM bureau ORDER BY id;
		SELECT CONCAT_WS('|', id, bureau_id, role, nom, prenom, matricule,
			code_hash IS NOT NULL) FROM bureau_member ORDER BY id;
		SELECT MAX(seq) FROM journal"
}

# A two-establishment operation; $1 replaces its code, $2 is appended.
good() {
	cat <<CONF
# Élections du CSE
[operation]
code = ${1:-cse-2026}
nom = Élections du CSE 2026
ouverture = 2026-03-10 09:00
cloture = 2026-07-17 17:00
prolongation = 20

[reglages]
bulletin_nul = oui
gel_electeurs = 2026-02-20

[etablissement.niort]
nom = Siège de Niort

[etablissement.lyon]
nom = Agence de Lyon

[college.oe]
nom = Ouvriers et employés

[college.cadres]
nom = Cadres

[scrutin.niort-oe]
etablissement = niort
college = oe
categories = titulaires, suppléants
sieges = 4

[scrutin.lyon-cadres]
etablissement = lyon
college = cadres
categories = titulaires
sieges = 1
bureau = central

[bureau.niort]
nom = Bureau de vote de Niort
etablissement = niort
president = Marchand ; Hélène ; BV-P1
secretaire = Gauthier ; Rémi ; BV-S1
assesseur.1 = Lemaire ; Sévérine ; BV-A1

[bureau.central]
nom = Bureau centralisateur
membres_requis = 1
president = Perrin ; Joël
assesseur = Roux ; Maël
CONF
	[ -z "${2:-}" ] || printf '%s\n' "$2"
}

# --- a good file: every row, the times in UTC (09:00 Paris in March is
# 08:00 UTC, 17:00 in July is 15:00 UTC), one journal entry.
good >"$D/ok.conf"
before=$(snapshot)
out=$("$C" operation create "$D/ok.conf" --check -c "$CONF" 2>&1)
expect_eq "--check: exit 0" 0 "$?"
expect_match "--check: counts" "description valide \(2 établissements, 2 collèges, 3 scrutins, 2 bureaux\)" "$out"
expect_eq "--check writes nothing" "$before" "$(snapshot)"
out=$("$C" operation create "$D/ok.conf" -c "$CONF" 2>&1)
expect_eq "good file: exit 0" 0 "$?"
sha=$(sha256sum "$D/ok.conf" | cut -d' ' -f1)
expect_match "good file: summary with the SHA-256" "opération « cse-2026 » créée : 3 scrutins .*SHA-256 du fichier $sha" "$out"
expect_eq "operation row (UTC, grace in seconds, settings)" \
	'1|cse-2026|Élections du CSE 2026|0|2026-03-10 08:00:00|2026-07-17 15:00:00|1200|{"bulletin_nul":true,"gel_electeurs":"2026-02-20"}' \
	"$(sql_root electors "SELECT CONCAT_WS('|', id, code, name, training, opens_at, closes_at, grace_seconds, CAST(settings AS CHAR)) FROM operation")"
expect_eq "scrutins: establishment × collège × category, seats, bureau, draft" \
	"Siège de Niort|Ouvriers et employés|titulaires|1|4|Bureau de vote de Niort|draft
Siège de Niort|Ouvriers et employés|suppleants|1|4|Bureau de vote de Niort|draft
Agence de Lyon|Cadres|titulaires|1|1|Bureau centralisateur|draft" \
	"$(sql_root electors "SELECT CONCAT_WS('|', e.name, c.name, s.category, s.round, s.seats, b.name, s.state)
		FROM scrutin s JOIN establishment e ON e.id = s.establishment_id JOIN college c ON c.id = s.college_id
		JOIN bureau b ON b.id = s.bureau_id ORDER BY s.id")"
expect_eq "bureaux and members, no code set" \
	"Bureau de vote de Niort|2|president|Marchand|Hélène|BV-P1|0
Bureau de vote de Niort|2|secretaire|Gauthier|Rémi|BV-S1|0
Bureau de vote de Niort|2|assesseur|Lemaire|Sévérine|BV-A1|0
Bureau centralisateur|1|president|Perrin|Joël||0
Bureau centralisateur|1|assesseur|Roux|Maël||0" \
	"$(sql_root electors "SELECT CONCAT_WS('|', b.name, b.min_others, m.role, m.nom, m.prenom, m.matricule,
		m.code_hash IS NOT NULL) FROM bureau_member m JOIN bureau b ON b.id = m.bureau_id ORDER BY m.id")"
expect_eq "the centralisateur has no establishment" "1" \
	"$(sql_root electors "SELECT COUNT(*) FROM bureau WHERE establishment_id IS NULL")"
expect_match "journaled once with the file's digest" "^operation_creation .*\"sha256\":\"$sha\"" \
	"$(sql_root electors "SELECT CONCAT(action, ' ', detail) FROM journal ORDER BY seq DESC LIMIT 1")"
"$C" journal verify electors -c "$CONF" >/dev/null 2>&1
expect_eq "journal chain verifies" 0 "$?"

# --- bad files: the exact French errors with their lines (and only them),
# exit 1, nothing written.
before=$(snapshot)
bad() { # bad NAME "EXPECTED ERROR LINES" FILE-TEXT
	printf '%s\n' "$3" >"$D/$1.conf"
	out=$("$C" operation create "$D/$1.conf" -c "$CONF" 2>&1)
	expect_eq "$1: exit 1" 1 "$?"
	n=$(printf '%s\n' "$2" | wc -l)
	[ "$n" = 1 ] && n="1 erreur" || n="$n erreurs"
	expect_eq "$1: the errors" "$2
isoloir-console : $D/$1.conf : $n, rien n'est enregistré" "$out"
	expect_eq "$1: database unchanged" "$before" "$(snapshot)"
}
good >"$D/exists.conf"
out=$("$C" operation create "$D/exists.conf" -c "$CONF" 2>&1)
expect_eq "existing code: refused" "isoloir-console : l'opération « cse-2026 » existe déjà (« operation update » pour la modifier) ; rien n'est enregistré" "$out"
expect_eq "existing code: database unchanged" "$before" "$(snapshot)"
bad unknown-etab "ligne 32 : établissement inconnu « paris » (décrits : niort, lyon)" \
	"$(good cse-2027 | sed '32s/lyon/paris/')"
bad seats "ligne 29 : nombre de sièges invalide « 0 » : un entier de 1 à 999 attendu" \
	"$(good cse-2027 | sed '29s/sieges = 4/sieges = 0/')"
bad seats-negative "ligne 29 : nombre de sièges invalide « -2 » : un entier de 1 à 999 attendu" \
	"$(good cse-2027 | sed '29s/sieges = 4/sieges = -2/')"
bad closing "ligne 6 : la clôture (2026-03-01 17:00) n'est pas après l'ouverture (2026-03-10 09:00)" \
	"$(good cse-2027 | sed 's/^cloture = .*/cloture = 2026-03-01 17:00/')"
bad spring "ligne 5 : ouverture : heure inexistante à Paris « 2026-03-29 02:30 » (passage à l'heure d'été)" \
	"$(good cse-2027 | sed 's/^ouverture = .*/ouverture = 2026-03-29 02:30/')"
bad autumn "ligne 6 : cloture : heure ambiguë à Paris « 2026-10-25 02:15 » (passage à l'heure d'hiver : elle existe deux fois), choisir une autre heure" \
	"$(good cse-2027 | sed 's/^cloture = .*/cloture = 2026-10-25 02:15/')"
bad bad-time "ligne 5 : ouverture : date et heure invalides « 10/03/2026 9h » : AAAA-MM-JJ HH:MM attendu" \
	"$(good cse-2027 | sed 's|^ouverture = .*|ouverture = 10/03/2026 9h|')"
bad duplicate "ligne 50 : scrutin en double : Siège de Niort, Ouvriers et employés, suppléants, tour 1 déjà décrit ligne 25" \
	"$(good cse-2027 '[scrutin.encore]
etablissement = niort
college = oe
categories = suppléants
sieges = 2')"
bad no-president "ligne 38 : bureau [bureau.niort] sans président" \
	"$(good cse-2027 | sed '/^president = Marchand/d')"
bad two-roles "ligne 38 : bureau [bureau.niort] : 1 membre(s) outre le président, il en faut au moins 2 (membres_requis)
ligne 43 : Hélène Marchand est déjà membre de ce bureau (ligne 41, président) : un membre n'a qu'un rôle" \
	"$(good cse-2027 | sed 's/^assesseur.1 = .*/assesseur.1 = Marchand ; Hélène ; BV-P1/')"
bad unknown-key "ligne 10 : clé inconnue « vote_papier » dans [reglages]" \
	"$(good cse-2027 | sed 's/^bulletin_nul = oui/vote_papier = oui/')"
bad old-ceremony-key "ligne 10 : « ceremonie_scellement » n'existe plus : la réunion de scellement est toujours exigée, sauf « scellement_allege = oui »" \
	"$(good cse-2027 | sed 's/^bulletin_nul = oui/ceremonie_scellement = oui/')"
bad no-bureau "ligne 31 : scrutin [scrutin.lyon-cadres] sans bureau : ni « bureau = … », ni bureau de son établissement" \
	"$(good cse-2027 | sed '/^bureau = central$/d')"
bad several "ligne 5 : ouverture : date et heure invalides « demain » : AAAA-MM-JJ HH:MM attendu
ligne 29 : nombre de sièges invalide « 0 » : un entier de 1 à 999 attendu
ligne 38 : bureau [bureau.niort] sans président" \
	"$(good cse-2027 | sed 's/^ouverture = .*/ouverture = demain/; 29s/sieges = 4/sieges = 0/; /^president = Marchand/d')"
out=$("$C" operation create "$D/several.conf" --check -c "$CONF" 2>&1)
rc=$?
expect_eq "--check: the same errors, exit 1" "1 3" "$rc $(printf '%s\n' "$out" | grep -c '^ligne')"

# --- kill -9 after the first rows, and just before the commit.
good cse-2027 >"$D/second.conf"
for step in opdef-insert opdef-commit; do
	ISOLOIR_FAULT=$step "$C" operation create "$D/second.conf" -c "$CONF" >/dev/null 2>&1
	expect_eq "kill -9 at $step: the console died" 137 "$?"
	expect_eq "kill -9 at $step: database unchanged" "$before" "$(snapshot)"
done
out=$("$C" operation create "$D/second.conf" -c "$CONF" 2>&1)
expect_match "after the crashes the creation runs" "opération « cse-2027 » créée" "$out"
expect_eq "two operations" 2 "$(sql_root electors "SELECT COUNT(*) FROM operation")"

# --- update: seats and the bureau change; a member who set a code keeps it.
printf 'code-de-marchand\n' | "$C" bureau code 1 -c "$CONF" >/dev/null
good cse-2026 | sed '29s/sieges = 4/sieges = 5/; s/^assesseur.1 = .*/assesseur.1 = Blanc ; Zoé ; BV-A9/' >"$D/upd.conf"
out=$("$C" operation update "$D/upd.conf" -c "$CONF" 2>&1)
expect_eq "update: exit 0" 0 "$?"
expect_match "update: summary" "opération « cse-2026 » mise à jour : 3 scrutins \(0 nouveaux\), 2 bureaux, 1 membres ajoutés, 1 retirés" "$out"
expect_eq "update: seats changed" "5 5" "$(sql_root electors "SELECT GROUP_CONCAT(seats SEPARATOR ' ') FROM scrutin WHERE id IN (1, 2)")"
expect_eq "update: the president keeps id and code, the assesseur changed" \
	"1|Marchand|1 2|Gauthier|0 Blanc|0" \
	"$(sql_root electors "SELECT GROUP_CONCAT(CONCAT_WS('|', IF(id < 3, id, NULL), nom, code_hash IS NOT NULL) ORDER BY id SEPARATOR ' ') FROM bureau_member WHERE bureau_id = 1")"
expect_match "update journaled with its digest" "^operation_modification .*\"sha256\":\"$(sha256sum "$D/upd.conf" | cut -d' ' -f1)\"" \
	"$(sql_root electors "SELECT CONCAT(action, ' ', detail) FROM journal ORDER BY seq DESC LIMIT 1")"

# --- show prints a description that reads back and changes nothing.
"$C" operation show cse-2026 -c "$CONF" >"$D/shown.conf"
expect_eq "show: exit 0" 0 "$?"
expect_match "show: Paris times" "ouverture = 2026-03-10 09:00" "$(cat "$D/shown.conf")"
expect_match "show: members" "president = Marchand ; Hélène ; BV-P1" "$(cat "$D/shown.conf")"
before=$(snapshot)
out=$("$C" operation update "$D/shown.conf" -c "$CONF" 2>&1)
expect_match "show's output updates nothing" "0 membres ajoutés, 0 retirés" "$out"
expect_eq "show's output: same rows" "$(printf '%s' "$before" | sed '$d')" "$(snapshot | sed '$d')"

# --- fewer seats than an imported list has candidates: refused.
sql_root electors "INSERT INTO candidate_list (scrutin_id, position, name) VALUES (1, 1, 'Liste A');
INSERT INTO candidate (list_id, position, nom, prenom, sexe, date_naissance) VALUES
  (1, 1, 'Martin', 'Léa', 'F', '1982-03-04'), (1, 2, 'Bernard', 'Hugo', 'M', '1979-11-20'),
  (1, 3, 'Petit', 'Chloé', 'F', '1990-07-14')" >/dev/null
good cse-2026 | sed '29s/sieges = 4/sieges = 2/' >"$D/fewer.conf"
before=$(snapshot)
out=$("$C" operation update "$D/fewer.conf" -c "$CONF" 2>&1)
expect_eq "fewer seats than a list: exit 1" 1 "$?"
expect_eq "fewer seats than a list: why" "isoloir-console : scrutin 1 : 2 sièges, mais une liste importée compte 3 candidats ; importer d'abord des listes plus courtes ; rien n'est enregistré" "$out"
expect_eq "fewer seats than a list: unchanged" "$before" "$(snapshot)"

# --- once a scrutin is sealed, update is refused and says why.
sql_root electors "UPDATE scrutin SET state = 'sealed' WHERE id = 2" >/dev/null
before=$(snapshot)
out=$("$C" operation update "$D/upd.conf" -c "$CONF" 2>&1)
expect_eq "update after sealing: exit 1" 1 "$?"
expect_match "update after sealing: why" "modification refusée : le scrutin 2 \(au moins\) est scellé ou au-delà" "$out"
expect_eq "update after sealing: unchanged" "$before" "$(snapshot)"
finish
