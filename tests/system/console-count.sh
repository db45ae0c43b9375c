#!/bin/sh
# console-count: the counting screen (R-BUR-8, R-RES-1/3, R-OPS-3), « d »
# from a scrutin's screen, driven under tmux at 80x24 against a real stack
# and real key holders (isoloir-trustee, 2 of 3): no totals while the urn
# is open; after the closing the encrypted totals are written for the
# holders; a forged partial decryption and a stray file are set aside with
# their reasons and one valid holder is not enough; with two, the counts
# are those the independent verifier finds and the seats are shown to the
# bureau; the tie the law leaves open blocks the proclamation until the
# bureau's draw by lot is entered; the proclamation takes the bureau's
# codes; the PV carries the employer typed and the draw. With the
# operation's setting `sous_urnes_statut` (R-ORG-5) the keys' installation
# files a round-1 titulaires scrutin's ballots by statut (not its
# suppléants'), and the screen counts each sub-urn apart (small sub-urn
# warned), shows the fonctionnaires' figures and writes their own PV.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need tmux node pdftotext
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
T=$ISOLOIR_BUILDDIR/cli/isoloir-trustee
V=$ISOLOIR_BUILDDIR/cli/isoloir-verify
CONF=$STACK_DIR/etc/console.conf
K=$STACK_DIR/keys
D=$STACK_DIR/depouillement
mkdir -p "$K"
. "$ISOLOIR_SRCDIR/tests/tui.sh"
small_bureau "$STACK_DIR/codes.txt"
state() { sql_root electors "SELECT state FROM scrutin WHERE id = $1"; }

# The key ceremonies (2 of 3) of scrutins 1 (titulaires) and 2
# (suppléants) and their installation, the operation counting
# fonctionnaires apart. Every candidate born the same day: the law cannot
# break a tie between lists.
sql_root electors "UPDATE scrutin SET state = 'lists_imported' WHERE id IN (1, 2);
UPDATE candidate SET date_naissance = '1980-01-01';
UPDATE operation SET settings = JSON_SET(settings, '$.sous_urnes_statut', true)" >/dev/null
ceremony() { # ceremony SCRUTIN DIR
	key_ceremony "$("$C" keys fingerprint "$1" -c "$CONF")" "$2"
	"$C" keys install "$1" "$2/public.json" -c "$CONF" >/dev/null
}
ceremony 1 "$K"
ceremony 2 "$STACK_DIR/keys-2"
expect_eq "keys installed" "keys_generated keys_generated" "$(state 1) $(state 2)"
expect_eq "R-ORG-5: titulaires filed by statut, suppléants not" "1 0" \
	"$(sql_root electors 'SELECT GROUP_CONCAT(sub_urns ORDER BY scrutin_id SEPARATOR " ") FROM scrutin_crypto')"

# Sealed (relaxed sealing: the small operation's setting) and opened with
# the bureau's codes: the count checks the seal.
sql_root electors "UPDATE scrutin SET state = 'reset' WHERE id = 1" >/dev/null
"$C" scrutin transition 1 sealed --codes "$STACK_DIR/codes.txt" -c "$CONF" >/dev/null
"$C" scrutin transition 1 open --codes "$STACK_DIR/codes.txt" -c "$CONF" >/dev/null
expect_eq "sealed and opened" open "$(state 1)"

# Two votes: list 1 (CFDT) and list 2 (CGT). 3 seats, SVE 2: one seat each
# at the quotient, the third tied (same average 1/2, same age).
api_login ABCD-EFGH-JKMN 2345-6789-ABCD-EFGH 42
expect_match "elector 1 votes list 1" '^200 ' "$(api_vote 1 0 111)"
api_login BCDE-FGHJ-KMNP 3456-789A-BCDE-FGHJ 17
expect_match "elector 2 votes list 2" '^200 ' "$(api_vote 1 1 111)"

tui_start 80 24 "env USER=cellule-test TERM=screen $C -c $CONF"
expect_screen "dashboard" "console de la cellule d'assistance technique"
keys Enter
expect_screen "scrutin screen" 'Scrutin n° 1 — Siège, Cadres, titulaires'
layout "scrutin screen" " ↵ étape c sceau s vérif. k cérém. l clés t test e émarg. d dépouil. j journal q"
keys d
expect_screen "count screen" 'Dépouillement — scrutin n° 1 : Siège, Cadres, titulaires'
layout "count screen" " t totaux  r déchiffr.  d dépouillé  l tirage  p proclamer  v PV  q retour"
expect_screen "…state and where the files go" "État : ouvert\. Dossier des fichiers"
keys d
expect_screen "« d » before any decryption: refused" "Déchiffrer d'abord les totaux \(« r »\)"
keys t
expect_screen "asks for the directory" "Dossier des fichiers du dépouillement :"
keys C-u
answer "$D"
expect_screen "open urn: no totals, said why" "ses totaux ne se calculent qu'après la clôture"
check "…no totals file" test ! -e "$D/totaux-scrutin-1.json"

sql_root electors "UPDATE scrutin SET state = 'closed' WHERE id = 1" >/dev/null
keys t Enter
expect_screen "closed: totals written" "Totaux chiffrés écrits pour les détenteurs de clés"
expect_screen "…of 2 ballots" "1\. Totaux chiffrés de 2 bulletin\(s\) : totaux-scrutin-1\.json"
expect_screen "…their SHA-256 as written" "SHA-256 $(head -c -1 "$D/totaux-scrutin-1.json" | sha256sum | cut -d' ' -f1)"
expect_screen "…each sub-urn's too" "Sous-urnes : salariés 1, fonctionnaires 1 bulletin\(s\)"
expect_screen "…a small sub-urn warned" "Attention : sous-urne de moins de 10 bulletins"
check "…the fonctionnaires' totals file" test -s "$D/totaux-scrutin-1-sous-urne-2.json"
expect_eq "…the same totals as the subcommand" "$("$C" tally --scrutin 1 -c "$CONF" | tr -d ' \n')" \
	"$(tr -d ' \n' <"$D/totaux-scrutin-1.json")"

# Holder 1 decrypts; holder 3's file is forged; a stray file lies there.
decrypt() { # decrypt HOLDER : the whole urn's totals and each sub-urn's
	for u in "" -sous-urne-1 -sous-urne-2; do
		"$T" decrypt --key "$K/key-$1.json" --passphrase-file "$K/pass-$1" \
			--totals "$D/totaux-scrutin-1$u.json" --out "$D/partiel-$1$u.json" >/dev/null
	done
}
decrypt 1
decrypt 3
perl -0pi -e 's/("d": ?"0[23])([0-9a-f])/$1 . ($2 eq "0" ? "1" : "0")/e' "$D/partiel-3.json"
echo '{"note": "liste des présents"}' >"$D/notes.json"
keys r Enter
expect_screen "one valid holder: not enough" "Dépouillement impossible : 1 déchiffrement\(s\) partiel\(s\) valide\(s\) sur les 2"
expect_screen "…the forged one set aside" "Écarté : détenteur 3 :"
expect_screen "…with its reason" "preuve de déchiffrement invalide"
expect_screen "…the stray file too" "Écarté : notes\.json :"
expect_screen "…not a partial decryption" "pas un déchiffrement partiel \(isoloir-trustee decrypt\)"
check "…no counts written" test ! -e "$D/comptes-scrutin-1.json"

decrypt 2
keys r Enter
expect_screen "two valid holders: decrypted" "Totaux déchiffrés, preuves vérifiées"
expect_screen "…results for the bureau only" "3\. Résultats, vus du seul bureau jusqu'à leur proclamation"
expect_screen "…inscrits, votants, SVE" "Inscrits 2 · votants 2 · blancs 0 · nuls 0 · SVE 2 · quorum atteint"
expect_screen "…CFDT 1 vote, 50 % of the SVE, 2 seats by list order for now" "Liste CFDT +1 +50,00 +2"
expect_screen "…the open tie named" "Égalité que la loi ne tranche pas : siège 3 \(Liste CFDT, Liste CGT\)"
expect_screen "…the seats said provisional" "tirage au sort du bureau \(« l »\) ; sièges ci-dessous provisoires"
expect_screen "the fonctionnaires' sub-urn apart" "Sous-urne des fonctionnaires : votants 1 · blancs 0 · SVE 1"
expect_screen "…his vote only" "voix : Liste CFDT 0 · Liste CGT 1 · Liste commune FO–UNSA 0"
expect_screen "…the salariés' hers" "Sous-urne des salariés : votants 1 · blancs 0 · SVE 1"
keys Home
expect_screen "scrolled up: by holders 1 and 2" "   totaux déchiffrés par les détenteurs 1, 2\."
verified=$("$V" count "$K/public.json" "$D/totaux-scrutin-1.json" "$D/partiel-1.json" "$D/partiel-2.json" | head -n 1)
expect_eq "the counts file is what isoloir-verify finds" "$verified" "$(cat "$D/comptes-scrutin-1.json")"
verified=$("$V" count "$K/public.json" "$D/totaux-scrutin-1-sous-urne-2.json" "$D/partiel-1-sous-urne-2.json" \
	"$D/partiel-2-sous-urne-2.json" | head -n 1)
expect_eq "…the fonctionnaires' too" "$verified" "$(cat "$D/comptes-scrutin-1-sous-urne-2.json")"
journal() { sql_root electors "SELECT GROUP_CONCAT(CONCAT(action, ' ', detail) ORDER BY seq SEPARATOR ' | ') FROM journal WHERE action IN ('totaux', 'dechiffrement')"; }
expect_match "journaled: the totals, whole urn then sub-urns, with their digests" \
	'^totaux \{"bulletins":2,"sha256":"[0-9a-f]{64}"\} \| totaux \{"bulletins":1,"sha256":"[0-9a-f]{64}","sous_urne":1\} \| totaux \{"bulletins":1,"sha256":"[0-9a-f]{64}","sous_urne":2\}' "$(journal)"
expect_match "…the decryption by holders 1 and 2" \
	'dechiffrement \{"bulletins":2,"detenteurs":\[1,2\],"sha256":"[0-9a-f]{64}"\}' "$(journal)"

# The proclamation: refused while the scrutin is not « dépouillé », then
# while the tie is open, then done with the bureau's codes and the draw.
code() { # code DOWNS CODE
	i=0
	while [ $i -lt "$1" ]; do keys Down; i=$((i + 1)); done
	keys Enter
	text "$2"
	keys Enter
}
codes() { code 0 code-du-membre-1; code 1 code-du-membre-2; code 1 code-du-membre-3; keys v; }
keys p
expect_screen "closed, not counted: refused before any code is typed" \
	"le scrutin 1 est « clos » : les résultats se proclament une fois le scrutin"
not_on_screen "Codes du bureau de vote" && ok "…no codes asked" || not_ok "…no codes asked"
expect_eq "…nothing proclaimed" 0 "$(sql_root electors 'SELECT COUNT(*) FROM proclamation')"
keys d
expect_screen "« d »: the bureau's codes to mark it counted" "Codes du bureau de vote — passer à « dépouillé »"
codes
expect_screen "…counted" "Scrutin n° 1 : « dépouillé »\."
expect_eq "…in the database" counted "$(state 1)"
expect_match "…journaled with the bureau's authorisation" '"vers":"counted".*"autorisation":"président : Jean Dupont.*"scellement":"conforme"' \
	"$(sql_root electors "SELECT detail FROM journal WHERE action = 'transition' ORDER BY seq DESC LIMIT 1")"
keys p
expect_screen "codes asked" "Codes du bureau de vote"
codes
expect_screen "the open tie refuses it" "égalité que la loi ne départage pas.*siège 3"
expect_eq "…nothing proclaimed" 0 "$(sql_root electors 'SELECT COUNT(*) FROM proclamation')"
keys l
expect_screen "the draw: which seat" "Siège tiré au sort \(n°\) :"
answer 3
expect_screen "…which list" "Liste désignée par le sort :"
answer "Liste CGT"
expect_screen "draw noted" "Tirage au sort noté : siège 3 à « Liste CGT »"
expect_screen "…CGT now 2 seats" "Liste CGT +1 +50,00 +2"
expect_screen "…CFDT 1" "Liste CFDT +1 +50,00 +1"
keys p
codes
expect_screen "proclaimed" "Résultats proclamés par le bureau"
expect_screen "…the seal after the count suggested" "Ensuite : scellement après dépouillement \(écran du scrutin, « c »\)"
expect_screen "…its digest shown" "^ +$(sql_root electors 'SELECT result_sha256 FROM proclamation WHERE scrutin_id = 1')"
expect_match "…the draw stored with it" '"winner": ?"Liste CGT"' "$(sql_root electors 'SELECT lot FROM proclamation')"

keys v
expect_screen "PV: asks for the employer" "Raison sociale de l'employeur :"
answer "Hôpital des Écrins"
expect_screen "…the place" "Lieu de signature du PV :"
answer "Gap"
expect_screen "…the date, French time offered" "Date du PV \(AAAA-MM-JJ HH:MM, heure de Paris\) : 20[0-9]{2}-"
keys C-u
answer "2026-12-08 18:30"
expect_screen "PV: asks where" "PV à créer \(PDF ; le CSV à côté\) :"
keys Enter
expect_screen "PV written" "PV écrit \(empreinte des résultats"
txt=$(pdftotext -layout "$D/pv-scrutin-1.pdf" - 2>/dev/null | tr -s ' ')
expect_match "the PV: 2 votants" "Nombre de votants 2" "$txt"
expect_match "…the employer typed" "Hôpital des Écrins" "$txt"
expect_match "…the header kept for a reprint" '"raison_sociale": "Hôpital des Écrins"' "$(cat "$D/en-tete.json")"
expect_match "…names the draw by lot" "(tirage au sort|Tirage au sort)" "$txt"
check "…and its CSV" test -s "$D/pv-scrutin-1.csv"
expect_screen "…and the fonctionnaires' own" "PV des fonctionnaires : pv-scrutin-1-fonctionnaires\.pdf"
txt=$(pdftotext -layout "$D/pv-scrutin-1-fonctionnaires.pdf" - 2>/dev/null | tr -s ' ')
expect_match "their PV: their collège named" "Cadres — fonctionnaires" "$txt"
expect_match "…1 votant" "Nombre de votants 1" "$txt"
keys q q q q
session_gone && ok "console quits" || not_ok "console quits"
no_sanitizer_report
finish
