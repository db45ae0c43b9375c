#!/bin/sh
# hotline-reissue: R-AUTH-4 with the restricted hotline account: a reissue
# only after the identity is confirmed (name, birth date, postal code,
# challenge; the refusal does not say which was wrong), never once the
# elector has voted everywhere; the old credentials and their open session
# stop working, the new ones work; the operator never sees the password;
# every attempt is in the journal for the bureau.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
sql_root electors "UPDATE scrutin SET state = 'open'" >/dev/null
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
H=$STACK_DIR/etc/hotline.conf
SPOOL=$STACK_DIR/spool
mkdir -p "$SPOOL"
reissue() { "$C" hotline reissue --electeur 1 --operateur "Agent 7" --spool "$SPOOL" -c "$H" "$@" 2>&1; }

expect_match "search by name (accents)" '^ +1  Zoé Dupré — Siège$' "$("$C" hotline search --nom Dupré -c "$H")"

# An open session of the elector, to see it die with the reissue.
api_login ABCD-EFGH-JKMN 2345-6789-ABCD-EFGH 42
expect_match "session open before" '^200 ' "$(api_req GET /api/electeur)"

out=$(reissue --nom Dupré --naissance 03/02/1980 --code-postal 75001 --cle-nir 43); rc=$?
expect_match "wrong challenge: refused without saying which field" 'Identité non confirmée' "$out"
expect_eq "…exit 1" 1 "$rc"
out=$(reissue --nom Dupre --naissance 1980-02-04 --code-postal 75001 --cle-nir 42)
expect_match "wrong birth date: refused" 'Identité non confirmée' "$out"
check "nothing spooled after refusals" sh -c "! ls '$SPOOL' | grep -q ."

out=$(reissue --nom dupre --naissance 03/02/1980 --code-postal 75001 --cle-nir 42); rc=$?
expect_eq "identity confirmed: exit 0" 0 "$rc"
new_id=$(printf '%s' "$out" | sed -n 's/.*électeur) : \([A-Z0-9-]*\)$/\1/p')
expect_match "new identifier shown" '^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$' "$new_id"
pwfile=$(ls "$SPOOL"/electeur-1-*.txt)
new_pw=$(sed -n 's/^mot_de_passe=//p' "$pwfile")
check "password spooled for the channel, 0600" test "$(stat -c %a "$pwfile")" = 600
not_in() { ! printf '%s' "$2" | grep -qF -- "$1"; }
check "password not shown to the operator" not_in "$new_pw" "$out"
expect_match "the open session is void" '^401 .*renouvelés' "$(api_req GET /api/electeur)"
api_login ABCD-EFGH-JKMN 2345-6789-ABCD-EFGH 42
expect_match "old credentials refused" '^401 ' "$(api_req GET /api/electeur)"
api_login "$new_id" "$new_pw" 42
expect_match "new credentials work" '^200 \{"prenom":"Zoé"' "$(api_req GET /api/electeur)"

# Once the elector has voted in both scrutins: no more reissue.
sql_root electors "INSERT INTO emargement (scrutin_id, elector_id, voted_at) VALUES (1,1,NOW(6)),(2,1,NOW(6))" >/dev/null
out=$(reissue --nom Dupré --naissance 03/02/1980 --code-postal 75001 --cle-nir 42); rc=$?
expect_match "after voting everywhere: refused" 'déjà voté' "$out"
expect_eq "…exit 1" 1 "$rc"
expect_eq "journal: 4 hotline entries (3 refused, 1 done)" "reissue_refused,reissue_refused,reissue,reissue_refused" \
	"$(sql_root electors "SELECT GROUP_CONCAT(action ORDER BY seq) FROM journal WHERE actor = 'hotline:Agent 7'")"
check "journal never holds the password" not_in "$new_pw" "$(sql_root electors 'SELECT detail FROM journal')"
expect_match "journal chain intact" 'chaînage intact' "$("$C" journal verify electors -c "$STACK_DIR/etc/console.conf" 2>&1)"
finish
