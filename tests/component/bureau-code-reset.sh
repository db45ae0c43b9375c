#!/bin/sh
# bureau-code-reset: a member who forgot their personal code (R-BUR-3,
# R-BUR-7): `bureau code-reset MEMBRE --codes F` clears it only with the
# codes of the president (or the secretary replacing them) and at least two
# other members of the same bureau, never the member's own; journaled with
# who authorised it (how the bureau is told). The reset prints a one-time
# token for the member; the new code is set only with it, never by the
# console's operator alone: without it, with a wrong one (5 void it), once
# expired or a second time, refused and journaled. A refusal changes
# nothing and is journaled.
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
expect_match "quorum: said, with the next step" "code personnel du membre 4 effacé, autorisé par .*Hélène Marchand.*bureau code 4" "$(printf "%s" "$out" | tr "\n" " ")"
tok=$(printf '%s\n' "$out" | sed -n 's/^Jeton de réinitialisation (à remettre au membre seul, valable 60 min, une seule fois) : //p')
expect_match "…a one-time token for the member, valid 60 minutes" '^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$' "$tok"
expect_eq "…never in the journal" "0" "$(sql_root electors "SELECT COUNT(*) FROM journal WHERE detail LIKE '%$tok%'")"
expect_eq "member 4 has no code any more" "0|0" "$(member 4)"
expect_eq "the others keep theirs" "1 1 1 1 1 1 1" \
	"$(sql_root electors "SELECT GROUP_CONCAT(code_hash IS NOT NULL ORDER BY id SEPARATOR ' ') FROM bureau_member WHERE id <> 4")"
expect_match "journaled: bureau, member, who authorised, the token's validity" \
	'^code_reinitialise \{"autorise_par":".*Hélène Marchand.*","bureau":1,"jeton_valable_minutes":60,"membre":4,"nom":"Joël Perrin","role":"assesseur"\}$' "$(last)"

# The window between the reset and the member's new code: the operator
# cannot fill it with a code of their own.
out=$(printf 'code-de-l-operateur\ncode-de-l-operateur\n' | "$C" bureau code 4 -c "$CONF" 2>&1)
expect_eq "no token (the operator's code read as one): exit 1" 1 "$?"
expect_match "…refused" "Jeton de réinitialisation incorrect : rien n'a changé" "$out"
expect_eq "…still no code" "0|0" "$(member 4)"
expect_match "…journaled" '^code_jeton_refuse \{"membre":4,"motif":"jeton incorrect"\}$' "$(last)"
out=$(printf 'ABCD-EFGH-JKMN-PQRS\ncode-de-l-operateur\n' | "$C" bureau code 4 -c "$CONF" 2>&1)
expect_match "a wrong token: refused" "Jeton de réinitialisation incorrect" "$out"
expect_eq "…still no code" "0|0" "$(member 4)"
out=$(printf '%s\nnouveau-code-de-joel\n' "$tok" | "$C" bureau code 4 -c "$CONF" 2>&1)
expect_eq "member 4 sets a new code with the token" 0 "$?"
expect_eq "…set" "1|0" "$(member 4)"
expect_eq "…the token used up" "0" "$(sql_root electors "SELECT COUNT(*) FROM bureau_member WHERE reset_token_hash IS NOT NULL")"
out=$(codes 1 2 3 | sed 's/^3 .*/4 nouveau-code-de-joel/' | "$C" bureau code-reset 3 --codes - --validite 5 -c "$CONF" 2>&1)
expect_eq "the new code authorises (here resetting member 3)" 0 "$?"
tok3=$(printf '%s\n' "$out" | sed -n 's/^Jeton de réinitialisation (à remettre au membre seul, valable 5 min, une seule fois) : //p')
expect_match "…a token valid 5 minutes (--validite)" '^[0-9A-Z]{4}(-[0-9A-Z]{4}){3}$' "$tok3"
out=$(codes 1 2 4 | sed 's/^4 .*/4 nouveau-code-de-joel/' | "$C" bureau code-reset 2 --codes - --validite 2 -c "$CONF" 2>&1)
expect_match "a validity under 5 minutes: refused" "Durée de validité du jeton invalide \(2 min\)" "$out"
# expired: the member comes back too late
sql_root electors "UPDATE bureau_member SET reset_expires_at = UTC_TIMESTAMP(6) - INTERVAL 1 SECOND WHERE id = 3" >/dev/null
out=$(printf '%s\ncode-du-membre-3\n' "$tok3" | "$C" bureau code 3 -c "$CONF" 2>&1)
expect_match "an expired token: refused" "Jeton de réinitialisation expiré : le bureau réinitialise de nouveau le code" "$out"
expect_match "…journaled" '^code_jeton_refuse \{"membre":3,"motif":"jeton expiré"\}$' "$(last)"
expect_eq "…still no code" "0|0" "$(member 3)"
# a new reset, then five wrong tokens void it
tok3=$(codes 1 2 4 | sed 's/^4 .*/4 nouveau-code-de-joel/' | "$C" bureau code-reset 3 --codes - -c "$CONF" 2>&1 |
	sed -n 's/^Jeton de réinitialisation (à remettre au membre seul, valable 60 min, une seule fois) : //p')
for i in 1 2 3 4 5; do printf 'ABCD-EFGH-JKMN-PQRS\nx\n' | "$C" bureau code 3 -c "$CONF" >/dev/null 2>&1; done
out=$(printf '%s\ncode-du-membre-3\n' "$tok3" | "$C" bureau code 3 -c "$CONF" 2>&1)
expect_match "five wrong tokens: the right one no longer works" "Jeton de réinitialisation expiré" "$out"
tok3=$(codes 1 2 4 | sed 's/^4 .*/4 nouveau-code-de-joel/' | "$C" bureau code-reset 3 --codes - -c "$CONF" 2>&1 |
	sed -n 's/^Jeton de réinitialisation (à remettre au membre seul, valable 60 min, une seule fois) : //p')
printf '%s\ncode-du-membre-3\n' "$tok3" | "$C" bureau code 3 -c "$CONF" >/dev/null
expect_eq "member 3 back with a fresh token" "1|0" "$(member 3)"
out=$(printf '%s\nautre-code\n' "$tok3" | "$C" bureau code 3 -c "$CONF" 2>&1)
expect_match "the token works once: a second time it is the old code that is asked" "Code actuel incorrect" "$out"

# --- a locked code (too many refusals) is cleared the same way.
sql_root electors "UPDATE bureau_member SET code_failures = 5 WHERE id = 2" >/dev/null
out=$(codes 1 3 | sed '$a 4 nouveau-code-de-joel' | "$C" bureau code-reset 2 --codes - -c "$CONF" 2>&1)
expect_eq "locked secretary: reset" 0 "$?"
expect_eq "…failures cleared, no code" "0|0" "$(member 2)"
tok2=$(printf '%s\n' "$out" | sed -n 's/^Jeton de réinitialisation ([^)]*) : //p')

# --- the president forgot: the secretary replaces them.
printf '%s\ncode-du-membre-2\n' "$tok2" | "$C" bureau code 2 -c "$CONF" >/dev/null
out=$(codes 2 3 | sed '$a 4 nouveau-code-de-joel' | "$C" bureau code-reset 1 --codes - -c "$CONF" 2>&1)
expect_eq "president reset by the secretary and two others" 0 "$?"
expect_match "…the secretary replacing the president, said" "secrétaire" "$out"
expect_eq "…president's code cleared" "0|0" "$(member 1)"
"$C" journal verify electors -c "$CONF" >/dev/null 2>&1
expect_eq "journal chain verifies" 0 "$?"
finish
