#!/bin/sh
# bureau-code-reset: a member who forgot their personal code (R-BUR-3,
# R-BUR-7): `bureau code-reset MEMBRE --codes F` clears it only with the
# codes of the president (or the secretary replacing them) and at least two
# other members of the same bureau, never the member's own; journaled with
# who authorised it (how the bureau is told); the member then sets a new
# code without the old one. A refusal changes nothing and is journaled.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
stack_up
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
CONF=$STACK_DIR/etc/console.conf
D=$STACK_DIR/reset
mkdir -p "$D"

# Two bureaux of four members: ids 1-4 (Niort), 5-8 (Lyon).
cat >"$D/op.conf" <<'CONF'
[operation]
code = cse-2026
nom = Élections du CSE 2026
ouverture = 2026-03-10 09:00
cloture = 2026-03-17 17:00
[etablissement.niort]
nom = Siège de Niort
[etablissement.lyon]
nom = Agence de Lyon
[college.oe]
nom = Ouvriers et employés
[bureau.niort]
nom = Bureau de Niort
etablissement = niort
president = Marchand ; Hélène
secretaire = Gauthier ; Rémi
assesseur.1 = Lemaire ; Sévérine
assesseur.2 = Perrin ; Joël
[bureau.lyon]
nom = Bureau de Lyon
etablissement = lyon
president = Roux ; Maël
secretaire = Blanc ; Zoé
assesseur.1 = Faure ; Élise
assesseur.2 = Mercier ; Lucas
[scrutin.niort]
etablissement = niort
college = oe
categories = titulaires
sieges = 2
[scrutin.lyon]
etablissement = lyon
college = oe
categories = titulaires
sieges = 2
CONF
"$C" operation create "$D/op.conf" -c "$CONF" >/dev/null || { echo "operation failed"; exit 1; }
for m in 1 2 3 4 5 6 7 8; do
	printf 'code-du-membre-%s\n' "$m" | "$C" bureau code "$m" -c "$CONF" >/dev/null
done
codes() { for m in "$@"; do echo "$m code-du-membre-$m"; done; }
member() { sql_root electors "SELECT CONCAT_WS('|', code_hash IS NOT NULL, code_failures) FROM bureau_member WHERE id = $1"; }
snapshot() { sql_root electors "SELECT CONCAT_WS('|', id, code_hash, code_failures) FROM bureau_member ORDER BY id"; }
last() { sql_root electors "SELECT CONCAT(action, ' ', detail) FROM journal ORDER BY seq DESC LIMIT 1"; }

# --- refusals: nothing changes.
before=$(snapshot)
refused() { # refused NAME EXPECTED-REGEX MEMBER CODES...
	name=$1 want=$2 who=$3
	shift 3
	out=$(codes "$@" | "$C" bureau code-reset "$who" --codes - -c "$CONF" 2>&1)
	expect_eq "$name: exit 1" 1 "$?"
	expect_match "$name: why" "$want" "$out"
	expect_eq "$name: codes unchanged" "$before" "$(snapshot)"
}
refused "the member's own code" "Réinitialisation refusée : Joël Perrin ne peut pas l'autoriser avec son propre code" 4 1 2 4
refused "president and one other" "il faut, outre celui du président, les codes d'au moins 2 autres membres du bureau \(1 saisi\)" 4 1 2
refused "codes of another bureau" "Autorisation refusée : le membre n° 5 n.appartient pas à ce bureau de vote" 4 5 6 7
expect_match "…the refusal journaled" '^autorisation_refusee .*reinitialisation_code' "$(last)"
out=$(printf '1 code-du-membre-1\n2 faux-code-xx\n3 code-du-membre-3\n' |
	"$C" bureau code-reset 4 --codes - -c "$CONF" 2>&1)
expect_eq "a wrong code: exit 1" 1 "$?"
expect_match "a wrong code: refused" "au moins un code personnel est invalide" "$out"
expect_eq "a wrong code: member 4's code kept" "1|0" "$(member 4)"
before=$(snapshot)
out=$("$C" bureau code-reset 4 -c "$CONF" 2>&1)
expect_eq "without --codes: usage, exit 2" 2 "$?"

# --- the president and two others: member 4's code is cleared.
out=$(codes 1 2 3 | "$C" bureau code-reset 4 --codes - -c "$CONF" 2>&1)
expect_eq "quorum: exit 0" 0 "$?"
expect_match "quorum: said, with the next step" "code personnel du membre 4 effacé, autorisé par .*Hélène Marchand.*bureau code 4" "$out"
expect_eq "member 4 has no code any more" "0|0" "$(member 4)"
expect_eq "the others keep theirs" "1 1 1 1 1 1 1" \
	"$(sql_root electors "SELECT GROUP_CONCAT(code_hash IS NOT NULL ORDER BY id SEPARATOR ' ') FROM bureau_member WHERE id <> 4")"
expect_match "journaled: bureau, member, who authorised" \
	'^code_reinitialise \{"autorise_par":".*Hélène Marchand.*","bureau":1,"membre":4,"nom":"Joël Perrin","role":"assesseur"\}$' "$(last)"
out=$(printf 'nouveau-code-de-joel\n' | "$C" bureau code 4 -c "$CONF" 2>&1)
expect_eq "member 4 sets a new code without the old one" 0 "$?"
expect_eq "…set" "1|0" "$(member 4)"
out=$(codes 1 2 3 | sed 's/^3 .*/4 nouveau-code-de-joel/' | "$C" bureau code-reset 3 --codes - -c "$CONF" 2>&1)
expect_eq "the new code authorises (here resetting member 3)" 0 "$?"
printf 'code-du-membre-3\n' | "$C" bureau code 3 -c "$CONF" >/dev/null

# --- a locked code (too many refusals) is cleared the same way.
sql_root electors "UPDATE bureau_member SET code_failures = 5 WHERE id = 2" >/dev/null
out=$(codes 1 3 | sed '$a 4 nouveau-code-de-joel' | "$C" bureau code-reset 2 --codes - -c "$CONF" 2>&1)
expect_eq "locked secretary: reset" 0 "$?"
expect_eq "…failures cleared, no code" "0|0" "$(member 2)"

# --- the president forgot: the secretary replaces them.
printf 'code-du-membre-2\n' | "$C" bureau code 2 -c "$CONF" >/dev/null
out=$(codes 2 3 | sed '$a 4 nouveau-code-de-joel' | "$C" bureau code-reset 1 --codes - -c "$CONF" 2>&1)
expect_eq "president reset by the secretary and two others" 0 "$?"
expect_match "…the secretary replacing the president, said" "secrétaire" "$out"
expect_eq "…president's code cleared" "0|0" "$(member 1)"
"$C" journal verify electors -c "$CONF" >/dev/null 2>&1
expect_eq "journal chain verifies" 0 "$?"
finish
