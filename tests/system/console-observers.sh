#!/bin/sh
# console-observers: the observer accounts' screen (R-AUTH-7, R-OPS-3), « v »
# from the dashboard, driven under tmux at 80x24 against a real stack: an
# account added with its credentials in a new 0600 file and never on the
# screen, the password stored as Argon2id only; French refusals (unknown
# qualité, unknown scrutin, malformed list, existing file); a revocation
# confirmed, shown and journaled.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need tmux
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
C=$ISOLOIR_BUILDDIR/tui/isoloir-console
CONF=$STACK_DIR/etc/console.conf
W=$STACK_DIR/obs
mkdir -p "$W"
. "$ISOLOIR_SRCDIR/tests/tui.sh"
last() { sql_root electors "SELECT CONCAT(action, ' ', detail) FROM journal ORDER BY seq DESC LIMIT 1"; }

tui_start 80 24 "env USER=cellule-test TERM=screen $C -c $CONF"
expect_screen "dashboard" "console de la cellule d'assistance technique"
layout "dashboard" " ↑↓ ↵ scrutin  o opération  j journal  i import  d identif.  v observateurs  q"
keys v
expect_screen "observers screen" "Observateurs \(délégués, huissier, expert\)"
expect_screen "…none yet" "Aucun observateur : « a » pour en ajouter un"
layout "observers screen" " ↑↓ parcourir  a ajouter  r révoquer  q retour"

add() { # add QUALITE NOM PRENOM SCRUTINS FICHIER
	keys a
	expect_screen "asks for the qualité" "Qualité \(delegue_liste, delegue_syndical, huissier, expert\) :"
	keys C-u; answer "$1"
	expect_screen "asks for the name" "Nom :"
	keys C-u; answer "$2"
	keys C-u; answer "$3"
	expect_screen "asks for the scrutins" "Scrutins \(numéros séparés par des virgules\) :"
	keys C-u; answer "$4"
	expect_screen "asks for the file" "Fichier à créer \(identifiant et mot de passe, 0600\) :"
	keys C-u; answer "$5"
}
add delegue_liste Durand Aïcha 1 "$W/obs1.csv"
expect_screen "added, the identifier said" "Observateur n° 1, identifiant [A-Z0-9-]{14} : identifiants dans"
expect_screen "…listed" "^ +1  Délégué de liste +Aïcha Durand +1 *$"
expect_eq "the credentials file, owner only" 600 "$(stat -c %a "$W/obs1.csv")"
pw=$(sed -n '2p' "$W/obs1.csv" | cut -d';' -f7)
expect_match "…with a password" '^[A-Z0-9-]{14,}$' "$pw"
not_on_screen "$pw" && ok "…never on the screen" || not_ok "…never on the screen"
expect_eq "…stored as Argon2id only" 1 "$(sql_root electors "SELECT COUNT(*) FROM observer WHERE id = 1 AND password_hash LIKE '\$argon2id\$%'")"

add voisin X Y 1 "$W/x.csv"
expect_screen "unknown qualité refused in French" "qualité inconnue"
check "…no file left" test ! -e "$W/x.csv"
add expert Roux Léa 99 "$W/y.csv"
expect_screen "unknown scrutin refused" "le scrutin n° 99 n'existe pas"
add expert Roux Léa "1,,2" "$W/y.csv"
expect_screen "malformed scrutins refused" "Scrutins « 1,,2 » invalides"
add expert Roux Léa "1,2" "$W/obs1.csv"
expect_screen "an existing file refused" "écriture impossible de «"
expect_eq "one account only so far" 1 "$(sql_root electors "SELECT COUNT(*) FROM observer")"
add huissier Bailly Rémi "1,2" "$W/obs2.csv"
expect_screen "huissier added" "^ +2  Huissier de justice +Rémi Bailly +1,2 *$"

# Revoke the first (selected): asked, done, shown, journaled.
keys Home r
expect_screen "revocation asked" "Révoquer l'observateur n° 1 \(Aïcha Durand\) \?"
keys o
expect_screen "revoked" "Observateur n° 1 révoqué : ni connexion ni session ouverte"
expect_screen "…shown as revoked" "^ +1  Délégué de liste +Aïcha Durand +1 \(révoqué\)"
expect_match "…journaled" "^observateur_revoque" "$(last)"
keys r
expect_screen "revoking twice: said" "L'observateur n° 1 est déjà révoqué"
keys q
expect_screen "back on the dashboard" "console de la cellule d'assistance technique"
keys q
session_gone && ok "console quits" || not_ok "console quits"
no_sanitizer_report
finish
