#!/bin/sh
# suspend: suspension, resumption and arrêt during the vote (R-BUR-4) on a
# real platform: with the bureau's codes, and for a suspension or an arrêt
# only with the prior advice and the organiser's authorisation recorded in
# the journal; electors see the suspended scrutin; an arrêt cancels the
# scrutin: its ballots and émargements are void (no count ever), kept, and
# their numbers and the urn's digest frozen in the journal.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
export ISOLOIR_CONSOLE_CONF="$STACK_DIR/etc/console.conf"
state() { sql_root electors "SELECT state FROM scrutin WHERE id = $1"; }
last_journal() { sql_root electors "SELECT CONCAT(action, ' ', detail) FROM journal ORDER BY seq DESC LIMIT 1"; }

sql_root electors "INSERT INTO bureau (operation_id, establishment_id, name) VALUES (1, 1, 'Bureau du Siège');
INSERT INTO bureau_member (bureau_id, role, nom, prenom) VALUES
  (1, 'president', 'Dupont', 'Jean'), (1, 'secretaire', 'Roy', 'Lise'), (1, 'assesseur', 'Martin', 'Anne');
UPDATE scrutin SET bureau_id = 1" >/dev/null
for m in 1 2 3; do printf 'code-du-membre-%s\n' $m | "$C" bureau code $m >/dev/null; done
K=$STACK_DIR/codes
printf '1 code-du-membre-1\n2 code-du-membre-2\n3 code-du-membre-3\n' >"$K"
for to in lists_imported keys_generated test_vote reset; do "$C" scrutin transition 1 $to >/dev/null; done
"$C" scrutin transition 1 sealed --codes "$K" >/dev/null
"$C" scrutin transition 1 open --codes "$K" >/dev/null
expect_eq "scrutin 1 open" open "$(state 1)"
api_login ABCD-EFGH-JKMN 2345-6789-ABCD-EFGH 42
expect_match "Zoé votes" '^200 ' "$(api_vote 1 0 101)"

# Suspension: the codes are not enough without the advice and authorisation.
out=$("$C" scrutin transition 1 suspended --codes "$K" 2>&1); rc=$?
expect_match "suspension without advice nor authorisation refused" \
	"ne passe à « suspendu » qu'avec l'avis préalable reçu \(--avis\) et l'autorisation de l'organisateur \(--autorisation\)" "$out"
expect_eq "…exit 1" 1 "$rc"
expect_eq "…still open" open "$(state 1)"
out=$("$C" scrutin transition 1 suspended --codes "$K" --avis "Avis de l'expert : attaque en cours" 2>&1)
expect_match "…nor with the advice alone" "l'autorisation de l'organisateur" "$out"
out=$("$C" scrutin transition 1 suspended --avis "Avis de l'expert" --autorisation "Accord de la DRH" 2>&1)
expect_match "…nor without the codes" "codes" "$out"
expect_eq "…still open" open "$(state 1)"
"$C" scrutin transition 1 suspended --codes "$K" --avis "Avis de l'expert : attaque en cours" \
	--autorisation "Accord écrit de la DRH, 10 h 12" >/dev/null
expect_eq "suspended with codes, advice and authorisation" suspended "$(state 1)"
expect_match "…journaled with both" \
	'^transition .*"avis_prealable":"Avis de l.expert : attaque en cours".*"autorisation_organisateur":"Accord écrit de la DRH, 10 h 12"' "$(last_journal)"
api_login BCDE-FGHJ-KMNP 3456-789A-BCDE-FGHJ 17
expect_match "an elector cannot vote in a suspended scrutin" '^409 .*suspendu' "$(api_vote 1 1 111)"

# Resumption: the codes, and again the advice and the authorisation.
out=$("$C" scrutin transition 1 open --codes "$K" 2>&1)
expect_match "resumption without advice nor authorisation refused" "ne passe à « ouvert » qu'avec l'avis préalable" "$out"
expect_eq "…still suspended" suspended "$(state 1)"
"$C" scrutin transition 1 open --codes "$K" --avis "Avis de l'expert : incident clos" \
	--autorisation "Accord de la DRH, 10 h 40" >/dev/null
expect_eq "resumed" open "$(state 1)"
api_login BCDE-FGHJ-KMNP 3456-789A-BCDE-FGHJ 17
expect_match "Émile votes after the resumption" '^200 ' "$(api_vote 1 1 111)"

# Arrêt: cancels the scrutin.
out=$("$C" scrutin transition 1 stopped --codes "$K" 2>&1)
expect_match "arrêt without advice nor authorisation refused" "ne passe à « arrêté » qu'avec l'avis préalable" "$out"
expect_eq "…still open" open "$(state 1)"
"$C" scrutin transition 1 stopped --codes "$K" --avis "Avis du bureau centralisateur" \
	--autorisation "Décision de la direction, 11 h" >/dev/null
expect_eq "stopped" stopped "$(state 1)"
expect_match "the ballots voided, their numbers and the urn's digest frozen" \
	'"bulletins_annules":true.*"bulletins":2,"emargements":2,"empreinte_urne":"[0-9a-f]{64}"' "$(last_journal)"
expect_eq "the ballots are kept for the judge" 2 "$(sql_root urn 'SELECT COUNT(*) FROM ballot WHERE scrutin_id = 1')"
out=$("$C" scrutin transition 1 counted --codes "$K" 2>&1)
expect_match "a stopped scrutin is never counted" "arrêté" "$out"
out=$("$C" scrutin transition 1 open --codes "$K" 2>&1)
expect_match "…nor reopened" "impossible de revenir à « ouvert »" "$out"
# An arrêt before the sealing needs no advice (scrutin 2, in preparation).
"$C" scrutin transition 2 stopped --codes "$K" >/dev/null 2>&1
expect_eq "arrêt of a scrutin in preparation: codes only" stopped "$(state 2)"
finish
