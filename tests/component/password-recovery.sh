#!/bin/sh
# password-recovery: self-service password retrieval by email (R-AUTH-6)
# through nginx + TLS, the worker, the definer procedure of the electors
# database, isoloir-mailer and a real SMTP server on loopback: not offered
# unless the operation says so; one answer for everything (unknown
# identifier, wrong challenge, no address, already voted, too soon): no
# account enumeration; a wrong challenge counts as a failed login; when it
# works the old password and its sessions stop, the new one comes by email
# (never with the identifier) and logs in; the web account still cannot
# write a password hash; journaled; cleared once sent.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node /usr/bin/python3
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
sql_root electors "UPDATE scrutin SET state = 'open';
UPDATE elector SET email = 'zoe.dupre@example.fr' WHERE id = 1" >/dev/null
. "$ISOLOIR_SRCDIR/tests/smtp.sh"
check "the SMTP server listens" sink_start

ID1=ABCD-EFGH-JKMN PW1=2345-6789-ABCD-EFGH
recover() { # recover IDENTIFIER ANSWER : "STATUS BODY"
	CSRF=$(csrf_of "$(api_req GET /api/session)")
	printf '{"identifiant":"%s","reponse":"%s"}' "$1" "$2" >"$STACK_DIR/rec.json"
	api_req POST /api/mot-de-passe "$STACK_DIR/rec.json"
}
queued() { sql_root electors "SELECT COUNT(*) FROM password_outbox"; }
last_journal() { sql_root electors "SELECT CONCAT(action, ' ', detail) FROM journal ORDER BY seq DESC LIMIT 1"; }

# --- not offered --------------------------------------------------------------
expect_match "setting off: the login page is not told to offer it" '"mot_de_passe_oublie":false' "$(api_req GET /api/operation)"
expect_match "setting off: refused (404), in French" "^404 .*pas proposé" "$(recover "$ID1" 42)"
sql_root electors "UPDATE operation SET settings = JSON_SET(COALESCE(settings, '{}'), '$.mot_de_passe_oublie', true)" >/dev/null
expect_match "setting on: offered" '"mot_de_passe_oublie":true' "$(api_req GET /api/operation)"

# --- one answer for everything -------------------------------------------------
generic=$(recover ZZZZ-ZZZZ-ZZZZ 42)
expect_match "unknown identifier: 200 and the generic answer" "^200 .*Si ces informations correspondent" "$generic"
expect_eq "wrong challenge: the very same answer" "$generic" "$(recover "$ID1" 41)"
expect_eq "…nothing queued" 0 "$(queued)"
expect_eq "…counted as a failed login" 1 "$(sql_root electors 'SELECT failures FROM credential WHERE elector_id = 1')"
expect_match "…journaled for the bureau, without the answer" '^password_recovery_refused électeur 1 : réponse à la question de sécurité fausse$' "$(last_journal)"
expect_eq "no address (elector 2): the same answer" "$generic" "$(recover BCDE-FGHJ-KMNP 17)"
expect_match "…journaled" 'électeur 2 : pas d.adresse électronique$' "$(last_journal)"
expect_eq "garbage identifier: the same answer" "$generic" "$(recover 'not an id' 42)"
expect_match "missing field: 400 in French" '^400 .*deux champs' "$(recover '' 42)"

# An open session of the old password, to see it end.
api_login "$ID1" "$PW1" 42
expect_match "a session with the old password" '^200 ' "$(api_req GET /api/electeur)"
cp "$STACK_DIR/jar" "$STACK_DIR/jar.old"
gen=$(sql_root electors 'SELECT generation FROM credential WHERE elector_id = 1')

# --- it works -------------------------------------------------------------------
expect_eq "right identifier and answer: the same answer" "$generic" "$(recover "$ID1" 42)"
expect_eq "…one password queued" 1 "$(queued)"
expect_eq "…by email, to the address of the list (R-AUTH-6, schema 021)" "courriel zoe.dupre@example.fr" \
	"$(sql_root electors "SELECT CONCAT_WS(' ', channel, destination) FROM password_outbox")"
expect_eq "…failures reset, generation + 1" "0 $((gen + 1))" \
	"$(sql_root electors 'SELECT failures, generation FROM credential WHERE elector_id = 1' | tr '\t' ' ')"
expect_match "…journaled" '^password_recovery électeur 1 : nouveau mot de passe envoyé par courriel$' "$(last_journal)"
check "…the password never in the journal" sh -c "! mariadb --no-defaults -S '$ELECTORS_SOCK' -u root -N isoloir_electors -e 'SELECT detail FROM journal' | grep -q mot_de_passe\\\""
cp "$STACK_DIR/jar.old" "$STACK_DIR/jar"
expect_match "…the old session is over" '^401 ' "$(api_req GET /api/electeur)"
api_login "$ID1" "$PW1" 42
expect_match "…the old password no longer works" '^401 ' "$(api_req GET /api/electeur)"
expect_eq "asked again at once: the same answer" "$generic" "$(recover "$ID1" 42)"
expect_eq "…nothing more queued (one per 15 minutes)" 1 "$(queued)"
expect_match "…journaled" 'électeur 1 : déjà demandé il y a moins de 15 minutes$' "$(last_journal)"

out=$("$MAILER" -c "$MCONF" --once); rc=$?
expect_eq "the mailer: exit 0" 0 "$rc"
expect_match "…one password sent" '^1 mot de passe envoyé, 0 échec$' "$(printf '%s\n' "$out" | tail -n 1)"
expect_eq "…cleared from the database once sent" "1 0" \
	"$(sql_root electors 'SELECT COUNT(sent_at), COUNT(payload) FROM password_outbox' | tr '\t' ' ')"
expect_match "…journaled with counts" '^mots_de_passe_courriel \{"echecs":0,"envoyes":1\}$' "$(last_journal)"
expect_eq "one message" 1 "$(mails)"
text=$(mail_text "$(find "$MDIR/new" -type f | head -n 1)")
expect_match "to the address of the electors list" 'To: <?zoe.dupre@example.fr>?$' "$text"
expect_match "subject in French" 'Subject: Votre nouveau mot de passe de vote' "$text"
expect_match "addressed to the elector" 'Bonjour Zoé Dupré' "$text"
check "never the identifier with the password" sh -c "! printf '%s' \"\$1\" | grep -q '$ID1'" _ "$text"
expect_match "what to do if not asked" "Si vous n'avez rien demandé, appelez l'assistance" "$text"
new=$(printf '%s\n' "$text" | tr -d '\r' | sed -n 's/^Nouveau mot de passe : //p')
expect_match "the new password, in the credential alphabet" '^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$' "$new"
api_login "$ID1" "$new" 42
expect_match "the new password logs in" '^200 ' "$(api_req GET /api/electeur)"

# --- never after every vote is cast; the web account's rights ----------------------
expect_match "elector 1 votes in both scrutins" '^200 ' "$(api_vote 1 1 101)"
expect_match "…" '^200 ' "$(api_vote 2 0 11)"
sql_root electors "UPDATE credential SET recovered_at = NULL WHERE elector_id = 1" >/dev/null
expect_eq "voted everywhere: the same answer" "$generic" "$(recover "$ID1" 42)"
expect_eq "…nothing queued" 1 "$(queued)"
expect_match "…journaled" 'électeur 1 : a déjà voté à tous ses scrutins$' "$(last_journal)"
expect_match "the web account cannot write a password hash" 'denied' \
	"$(sql_as web electors "UPDATE credential SET password_hash = 'x' WHERE elector_id = 2")"
expect_match "…nor read the passwords waiting" 'denied' "$(sql_as web electors 'SELECT payload FROM password_outbox')"

# --- lockout: five wrong answers ------------------------------------------------------
for i in 1 2 3 4 5; do recover BCDE-FGHJ-KMNP 99 >/dev/null; done
expect_match "five wrong answers lock elector 2's account" '^1$' \
	"$(sql_root electors 'SELECT locked_until > UTC_TIMESTAMP() FROM credential WHERE elector_id = 2')"
expect_eq "…and a locked account gets the same answer" "$generic" "$(recover BCDE-FGHJ-KMNP 17)"

# --- after the closing: no retrieval, and the login page no longer offers it ---------
sql_root electors "UPDATE operation SET closes_at = UTC_TIMESTAMP() - INTERVAL 1 HOUR" >/dev/null
expect_match "closed: refused (403), the phase said" '^403 ' "$(recover "$ID1" 42)"
expect_match "…not offered on the login page" '"mot_de_passe_oublie":false' "$(api_req GET /api/operation)"
finish
