#!/bin/sh
# password-recovery-sms: self-service password retrieval by SMS (R-AUTH-6)
# through nginx + TLS, the worker, the definer procedure of the electors
# database and isoloir-mailer, with a stand-in for the operator's SMS
# gateway (a script recording its arguments and its standard input): to
# the mobile number of the electors list; a number typed by the elector
# only when the operation sets mobile_saisi, journaled; no number: nothing
# sent and the same answer; no gateway configured: the rows wait, said
# each pass; a failing or hung gateway: the row kept for the next pass;
# the password received by SMS logs in, the old one no longer does.
. "$ISOLOIR_SRCDIR/tests/lib.sh"
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
MAILER=$ISOLOIR_BUILDDIR/cli/isoloir-mailer
MCONF=$STACK_DIR/etc/mailer.conf
sql_root electors "UPDATE scrutin SET state = 'open';
UPDATE operation SET settings = JSON_SET(COALESCE(settings, '{}'), '$.mot_de_passe_oublie', true);
UPDATE elector SET email = '', telephone = '+33612345678' WHERE id = 1;
UPDATE elector SET email = 'emile@example.fr', telephone = '01 23 45 67 89' WHERE id = 2" >/dev/null

# The gateway's stand-in: one file per message accepted in sms/, the
# refused ones in sms-refused; sms-exit holds the exit status to give,
# sms-hang makes it hang.
G=$STACK_DIR/gateway
mkdir -p "$G/sms"
cat >"$G/send" <<'SH'
#!/bin/sh
d=${0%/*}
[ -f "$d/sms-hang" ] && exec sleep 60
msg=$({ printf 'argc=%s\nto=%s\n' "$#" "$1"; cat; })
code=$(cat "$d/sms-exit" 2>/dev/null || echo 0)
if [ "$code" != 0 ]; then
	printf '%s\n' "$msg" >>"$d/sms-refused"
	echo "passerelle de test : refus $code" >&2
	exit "$code"
fi
printf '%s\n' "$msg" >"$d/sms/$(($(ls "$d/sms" | wc -l) + 1))"
SH
chmod 755 "$G/send"

ID1=ABCD-EFGH-JKMN PW1=2345-6789-ABCD-EFGH ID2=BCDE-FGHJ-KMNP PW2=3456-789A-BCDE-FGHJ
recover() { # recover IDENTIFIER ANSWER CHANNEL [MOBILE] : "STATUS BODY"
	CSRF=$(csrf_of "$(api_req GET /api/session)")
	printf '{"identifiant":"%s","reponse":"%s","canal":"%s","mobile":"%s"}' "$1" "$2" "$3" "${4:-}" \
		>"$STACK_DIR/rec.json"
	api_req POST /api/mot-de-passe "$STACK_DIR/rec.json"
}
queued() { sql_root electors "SELECT COUNT(*) FROM password_outbox"; }
last_journal() { sql_root electors "SELECT CONCAT(action, ' ', detail) FROM journal ORDER BY seq DESC LIMIT 1"; }
row() { sql_root electors "SELECT CONCAT_WS(' ', elector_id, channel, destination, attempts,
	payload IS NOT NULL, sent_at IS NOT NULL) FROM password_outbox ORDER BY id DESC LIMIT 1"; }
mailer() { # mailer : the mailer's exit status; its stdout in $out, stderr in $err
	"$MAILER" -c "$MCONF" --once >"$STACK_DIR/m.out" 2>"$STACK_DIR/m.err"
	rc=$?
	out=$(cat "$STACK_DIR/m.out") err=$(cat "$STACK_DIR/m.err")
	return $rc
}
new_password() { sed -n 's/^Nouveau mot de passe : //p' "$1"; }

# --- to the number of the electors list; one answer for everything ---------
expect_match "the page is told a typed number is not offered" '"mobile_saisi":false' "$(api_req GET /api/operation)"
generic=$(recover ZZZZ-ZZZZ-ZZZZ 42 sms)
expect_match "unknown identifier: 200 and the SMS answer" "^200 .*envoyé par SMS" "$generic"
expect_eq "wrong challenge: the very same answer" "$generic" "$(recover "$ID1" 41 sms)"
expect_eq "…counted as a failed login" 1 "$(sql_root electors 'SELECT failures FROM credential WHERE elector_id = 1')"
expect_eq "no mobile number in the list (elector 2, a landline): the same answer" "$generic" "$(recover "$ID2" 17 sms)"
expect_eq "…nothing queued" 0 "$(queued)"
expect_match "…journaled with the reason" \
	'^password_recovery_refused électeur 2 : pas de numéro de mobile dans la liste électorale$' "$(last_journal)"
expect_match "a channel that does not exist: 400 in French" "^400 .*par courriel ou par SMS" "$(recover "$ID1" 42 pigeon)"
expect_match "a typed number while mobile_saisi is off: 400, the same for any identifier" \
	"^400 .*laissez le champ du numéro vide" "$(recover "$ID2" 17 sms '07 80 12 34 56')"
expect_eq "…the same for an unknown one" "$(recover "$ID2" 17 sms '07 80 12 34 56')" \
	"$(recover ZZZZ-ZZZZ-ZZZZ 17 sms '07 80 12 34 56')"
expect_eq "…nothing queued" 0 "$(queued)"
digest2=$(sql_root electors 'SELECT HEX(login_digest) FROM credential WHERE elector_id = 2')
expect_eq "…and the procedure itself refuses it to the web account" typed_off \
	"$(sql_as web electors "CALL credential_recover(UNHEX('$digest2'), '17', 'x', 'y', 'sms', '+33780123456', @o, @e); SELECT @o")"
expect_eq "…nothing queued, the hash untouched" "0 1" \
	"$(sql_root electors "SELECT (SELECT COUNT(*) FROM password_outbox), COUNT(*) FROM credential
		WHERE elector_id = 2 AND password_hash <> 'x'" | tr '\t' ' ')"

api_login "$ID1" "$PW1" 42
expect_match "a session with the old password" '^200 ' "$(api_req GET /api/electeur)"
cp "$STACK_DIR/jar" "$STACK_DIR/jar.old"
expect_eq "right identifier and answer: the same answer" "$generic" "$(recover "$ID1" 42 sms)"
expect_eq "…queued by SMS to the list's number" "1 sms +33612345678 0 1 0" "$(row)"
expect_match "…journaled" \
	'^password_recovery électeur 1 : nouveau mot de passe envoyé par SMS au numéro de la liste électorale$' \
	"$(last_journal)"
expect_eq "asked again at once: the same answer" "$generic" "$(recover "$ID1" 42 sms)"
expect_eq "…nothing more queued (one per 15 minutes)" 1 "$(queued)"
expect_match "the web account cannot read where it goes" 'denied' \
	"$(sql_as web electors 'SELECT destination FROM password_outbox')"

# --- the mailer: no gateway, a failing one, a hung one, then it goes -----------
mailer
expect_eq "no [sms] section: exit 1" 1 "$?"
expect_match "…said in French" \
	"1 mot de passe à envoyer par SMS en attente : aucune passerelle SMS n'est configurée \(section \[sms\], clé commande\)" "$err"
expect_eq "…the row waits, no attempt counted" "1 sms +33612345678 0 1 0" "$(row)"
printf '\n[sms]\ncommande = %s\ndelai = 2\n' "$G/send" >>"$MCONF"
echo 3 >"$G/sms-exit"
mailer
expect_eq "a failing gateway: exit 1" 1 "$?"
expect_match "…a log line with its exit status" "passerelle SMS : échec de la commande \(code de sortie 3\)" "$err"
expect_eq "…the row kept for the next pass" "1 sms +33612345678 1 1 0" "$(row)"
expect_match "…its reason kept" "code de sortie 3" "$(sql_root electors 'SELECT last_error FROM password_outbox')"
expect_match "…journaled with counts" '^mots_de_passe_sms \{"echecs":1,"envoyes":0\}$' "$(last_journal)"
rm -f "$G/sms-exit"
touch "$G/sms-hang"
t0=$(date +%s)
mailer
expect_eq "a hung gateway: exit 1" 1 "$?"
check "…killed after its delay (2 s)" test $(($(date +%s) - t0)) -lt 15
expect_match "…said" "passerelle SMS : pas de réponse en 2 s, commande arrêtée" "$err"
expect_eq "…the row kept" "1 sms +33612345678 2 1 0" "$(row)"
rm -f "$G/sms-hang"
mailer
expect_eq "the gateway works: exit 0" 0 "$?"
expect_match "…one password sent by SMS" '^1 mot de passe envoyé par SMS, 0 échec$' "$(printf '%s\n' "$out" | tail -n 1)"
expect_eq "…cleared from the database once sent" "1 sms +33612345678 2 0 1" "$(row)"
expect_match "…journaled with counts" '^mots_de_passe_sms \{"echecs":0,"envoyes":1\}$' "$(last_journal)"
expect_eq "one message" 1 "$(ls "$G/sms" | wc -l)"
msg=$G/sms/1
expect_eq "the number as the only argument" "argc=1 to=+33612345678" "$(head -n 2 "$msg" | tr '\n' ' ' | sed 's/ $//')"
expect_match "the text in French, from stdin" "vous avez demandé un nouveau mot de passe de vote" "$(cat "$msg")"
expect_match "what to do if not asked" "Si vous n'avez rien demandé, appelez l'assistance au 0 800 000 000" "$(cat "$msg")"
check "never the identifier" sh -c "! grep -q '$ID1' '$msg'"
new=$(new_password "$msg")
expect_match "the new password, in the credential alphabet" '^[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}-[2-9A-Z]{4}$' "$new"
expect_match "…never in the journal" '^0$' \
	"$(sql_root electors "SELECT COUNT(*) FROM journal WHERE detail LIKE '%$new%'")"
cp "$STACK_DIR/jar.old" "$STACK_DIR/jar"
expect_match "the old session is over" '^401 ' "$(api_req GET /api/electeur)"
api_login "$ID1" "$PW1" 42
expect_match "the old password no longer works" '^401 ' "$(api_req GET /api/electeur)"
api_login "$ID1" "$new" 42
expect_match "the password received by SMS logs in" '^200 ' "$(api_req GET /api/electeur)"

# --- a number typed by the elector, when the operation allows it -------------------
sql_root electors "UPDATE operation SET settings = JSON_SET(settings, '$.mobile_saisi', true)" >/dev/null
expect_match "the page is told a typed number is offered" '"mobile_saisi":true' "$(api_req GET /api/operation)"
expect_match "a landline typed: 400 in French" \
	"^400 .*Numéro de mobile invalide : ce n'est pas un numéro de mobile français \(06 ou 07\)" \
	"$(recover "$ID2" 17 sms '01 23 45 67 89')"
expect_match "a malformed number: 400 with the reason" "^400 .*Numéro de mobile invalide : un numéro français a 10 chiffres" \
	"$(recover "$ID2" 17 sms '07 80 12')"
expect_match "a number with the email channel: 400" "^400 .*ne sert qu'à l'envoi par SMS" \
	"$(recover "$ID2" 17 courriel '07 80 12 34 56')"
typed=$(recover ZZZZ-ZZZZ-ZZZZ 17 sms '07 80 12 34 56')
expect_match "typed, unknown identifier: 200 and the answer for a typed number" "^200 .*au numéro indiqué" "$typed"
expect_eq "typed, wrong challenge: the very same answer" "$typed" "$(recover "$ID2" 18 sms '07 80 12 34 56')"
expect_match "…journaled with the number typed" \
	'^password_recovery_refused électeur 2 : réponse à la question de sécurité fausse \(numéro saisi \+33780123456\)$' \
	"$(last_journal)"
expect_eq "typed, right answer (elector 2 has no mobile in the list): the same answer" "$typed" \
	"$(recover "$ID2" 17 sms '07 80 12 34 56')"
expect_eq "…queued to the typed number, in E.164" "2 sms +33780123456 0 1 0" "$(row)"
expect_match "…the number journaled for the bureau" \
	'^password_recovery électeur 2 : nouveau mot de passe envoyé par SMS \(numéro saisi \+33780123456\)$' "$(last_journal)"
mailer
expect_eq "the mailer: exit 0" 0 "$?"
expect_eq "…to the typed number" "argc=1 to=+33780123456" "$(head -n 2 "$G/sms/2" | tr '\n' ' ' | sed 's/ $//')"
api_login "$ID2" "$PW2" 17
expect_match "…elector 2's old password no longer works" '^401 ' "$(api_req GET /api/electeur)"
api_login "$ID2" "$(new_password "$G/sms/2")" 17
expect_match "…the new one logs in" '^200 ' "$(api_req GET /api/electeur)"

# --- by email, unchanged: elector 2 has an address ----------------------------------
sql_root electors "UPDATE credential SET recovered_at = NULL WHERE elector_id = 2" >/dev/null
expect_match "by email: the email answer" "^200 .*envoyé par courriel" "$(recover "$ID2" 17 courriel)"
expect_eq "…queued by email, to the list's address" "2 courriel emile@example.fr 0 1 0" "$(row)"
finish
