#!/bin/sh
# console-projection: the read-only projection view of public ceremonies
# (R-OPS-7), `isoloir-console --projection`, under tmux at 80x24 against a
# real stack: the scrutin and its state, the turnout in figures five lines
# high (and in plain text), no result before the bureau's proclamation
# (R-BUR-8), then the proclaimed one (lists, votes, seats, elected); ← →
# change the scrutin; nothing written; the figures read again by
# themselves.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need tmux node
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
sql_root electors "UPDATE scrutin SET state = 'open'" >/dev/null

C=$ISOLOIR_BUILDDIR/tui/isoloir-console
CONF=$STACK_DIR/etc/console.conf
. "$ISOLOIR_SRCDIR/tests/tui.sh"

api_login ABCD-EFGH-JKMN 2345-6789-ABCD-EFGH 42
expect_match "elector 1 votes in scrutin 1" '^200 ' "$(api_vote 1 1 101)"
# (the web journals only burst alerts: the count moves only if the console writes)
journal_before=$(sql_root electors "SELECT COUNT(*) FROM journal")

tui_start 80 24 "env TERM=screen $C --projection --scrutin 1 -c $CONF"
expect_screen "the scrutin named" 'Scrutin n° 1 — Siège, Cadres, titulaires'
expect_screen "its state" 'État : Ouvert'
expect_screen "read-only, said" 'projection \(lecture seule\)'
expect_screen "the turnout in plain text" 'Inscrits : 2 · votants : 1 · participation : 50,00 %'
# "50,00 %" in the five-line font (tui/bigtext.c): digits 4 wide, a
# comma 2, a space 1, one blank column between glyphs.
B=$(printf '\342\226\210')
big() { printf '%s' "$1" | sed "s/#/$B/g"; }
rows=$(screen)
for r in "#### ####    #### ####   #  #" "#    #  #    #  # #  #      #" "#### #  #    #  # #  #     #" \
	"   # #  #  # #  # #  #    #" "#### #### #  #### ####   #  #"; do
	check "participation in big figures: « $(big "$r") »" sh -c 'printf "%s" "$1" | grep -qF -- "$2"' _ "$rows" "$(big "$r")"
done
check "no result before the proclamation: none shown" not_on_screen "Liste CGT"
expect_screen "…said" 'Résultats : affichés ici une fois proclamés par le bureau'
check "80x24" test "$(screen | wc -l)" = 24

keys Right
expect_screen "→: the next scrutin" 'Scrutin n° 2 — Siège, Cadres, suppléants'
expect_screen "…its turnout" 'Inscrits : 2 · votants : 0 · participation : 0,00 %'

# The bureau proclaims scrutin 1 (the count itself: tests/system/election-e2e.sh).
res='{"valid":true,"colleges":[{"name":"Cadres","titulaires":{"inscrits":2,"votants":1,"blancs":0,"nuls":0,"sve":1,"seats":3,"quorum_reached":false,"lists":[{"name":"Liste CGT","ballots":1,"seats_total":1,"elected":["Noé Durand"]},{"name":"Liste CFDT","ballots":0,"seats_total":0,"elected":[]}]}}]}'
sql_root electors "UPDATE scrutin SET state = 'counted' WHERE id = 1;
INSERT INTO proclamation (scrutin_id, counts, result, result_sha256, authorised_by)
VALUES (1, '[0,1,0,0,0]', '$res', SHA2('$res', 256), 'test')" >/dev/null
keys Left
expect_screen "←: back to scrutin 1, proclaimed" 'Résultats proclamés le [0-9]+ [a-zéû]+ 20[0-9]{2} à [0-9]+ h [0-9]{2}'
expect_screen "…the figures" 'Inscrits 2 · votants 1 · blancs 0 · nuls 0 · exprimés 1 · quorum'
expect_screen "…a list, its votes, share and seats" 'Liste CGT +1 voix +100,00 %  1 siège$'
expect_screen "…its elected" 'Élus : Noé Durand'
expect_screen "…the list without a seat" 'Liste CFDT +0 voix +0,00 %  0 siège$'

# Read again by itself: a change appears without a key.
sql_root electors "UPDATE scrutin SET state = 'open' WHERE id = 2" >/dev/null
keys Right
expect_screen "scrutin 2 again" 'Scrutin n° 2'
api_login BCDE-FGHJ-KMNP 3456-789A-BCDE-FGHJ 17
expect_match "elector 2 votes in scrutin 2" '^200 ' "$(api_vote 2 0 11)"
expect_screen "the new vote shown within the refresh" 'Inscrits : 2 · votants : 1 · participation : 50,00 %'

keys q
check "q quits" session_gone
expect_eq "nothing written by the projection (journal unchanged)" "$journal_before" \
	"$(sql_root electors "SELECT COUNT(*) FROM journal")"
no_sanitizer_report
finish
