#!/bin/sh
# browser-observer: the observers' page in Chromium (web/test/browser/
# observer.mjs, R-AUTH-7, R-BUR-5): an observer made by the console logs
# in, sees the turnout of their scrutin after real votes, and it refreshes;
# accessibility checked, screenshots saved.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node chromium
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
sql_root electors "UPDATE scrutin SET state = 'open'" >/dev/null
"$ISOLOIR_BUILDDIR/tui/isoloir-console" observer add --qualite delegue_liste --nom Durand --prenom Aïcha \
	--scrutins 1 --out "$STACK_DIR/obs.csv" -c "$STACK_DIR/etc/console.conf" >/dev/null || { echo "observer add failed"; exit 1; }
OBS_ID=$(sed -n 2p "$STACK_DIR/obs.csv" | cut -d';' -f6)
OBS_PW=$(sed -n 2p "$STACK_DIR/obs.csv" | cut -d';' -f7)
api_login ABCD-EFGH-JKMN 2345-6789-ABCD-EFGH 42
expect_match "elector 1 votes in scrutin 1" '^200 ' "$(api_vote 1 0 101)"
SPKI=$(spki_of "$STACK_DIR/tls/server.pem")
export URL SPKI OBS_ID OBS_PW ELECTORS_SOCK
node "$ISOLOIR_SRCDIR/web/test/browser/observer.mjs" || T_FAILS=$((T_FAILS + 1))
finish
