#!/bin/sh
# receipt-mail: the receipt also sent by email, on the elector's request
# (R-VOTE-6), through nginx + TLS, the worker, the electors database,
# isoloir-mailer and a real SMTP server on loopback (aiosmtpd, standing for
# the platform's relay): offered only when the operation allows it and the
# elector has an address (masked on the page); once per scrutin; a forged
# receipt or a missing CSRF token refused; the relay down → counted,
# retried, sent later; the message in French (encoded subject, text, PDF
# attached), tracker included, never the choice; the request's receipt
# cleared once sent; a row the platform did not sign never sent; the web
# account cannot read the requests back; journaled (counts only).
. "$ISOLOIR_SRCDIR/tests/lib.sh"
need node pdftotext /usr/bin/python3
stack_up
load_small_operation || { echo "fixture failed"; exit 1; }
sql_root electors "UPDATE scrutin SET state = 'open';
UPDATE elector SET email = 'zoe.dupre@example.fr' WHERE id = 1" >/dev/null

. "$ISOLOIR_SRCDIR/tests/smtp.sh"
outbox() { sql_root electors "SELECT COUNT(*), COUNT(payload), COUNT(sent_at) FROM mail_outbox"; }
receipt_of() { # receipt_of "STATUS BODY" FILE : the {recepisse} of a cast's answer
	printf '%s' "${1#200 }" | node -e "let s='';process.stdin.on('data',d=>s+=d).on('end',()=>process.stdout.write(JSON.stringify({recepisse:JSON.parse(s).recepisse})))" >"$2"
}

# --- the setting off: not offered, refused ------------------------------------
api_login ABCD-EFGH-JKMN 2345-6789-ABCD-EFGH 42
expect_match "setting off: the ballot page offers no email" '"courriel_recepisse":null' "$(api_req GET '/api/bulletin?scrutin=1')"
out=$(api_vote 1 1 101)
expect_match "elector 1 votes in scrutin 1" '^200 ' "$out"
receipt_of "$out" "$STACK_DIR/r1.json"
tracker=$(sed -n 's/.*"empreinte":"\([0-9a-f]*\)".*/\1/p' "$STACK_DIR/r1.json")
expect_match "setting off: the request refused in French (409)" "^409 .*pas proposé" "$(api_req POST /api/recepisse/courriel "$STACK_DIR/r1.json")"
expect_eq "…nothing recorded" "0 0 0" "$(outbox | tr '\t' ' ')"

# --- the setting on ----------------------------------------------------------
sql_root electors "UPDATE operation SET settings = JSON_SET(COALESCE(settings, '{}'), '$.recepisse_courriel', true)" >/dev/null
expect_match "setting on: the page shows the masked address" '"courriel_recepisse":"z\*\*\*@example.fr"' "$(api_req GET '/api/bulletin?scrutin=2')"
out=$(api_req POST /api/recepisse/courriel "$STACK_DIR/r1.json")
expect_match "requested: 200, sent to the masked address" "^200 .*envoyé à z\*\*\*@example.fr" "$out"
expect_eq "…one request, its receipt kept until sent" "1 1 0" "$(outbox | tr '\t' ' ')"
expect_match "asked again: said, not recorded twice" '^200 .*déjà été demandé' "$(api_req POST /api/recepisse/courriel "$STACK_DIR/r1.json")"
expect_eq "…still one request" "1 1 0" "$(outbox | tr '\t' ' ')"
sed "s/\"empreinte\":\"$tracker\"/\"empreinte\":\"$(printf '%s' "$tracker" | tr 0-9a-f 1-9a-f0)\"/" "$STACK_DIR/r1.json" >"$STACK_DIR/forged.json"
expect_match "a forged receipt: 400" "^400 .*pas été signé" "$(api_req POST /api/recepisse/courriel "$STACK_DIR/forged.json")"
good=$CSRF
CSRF=forged
expect_match "without the CSRF token: 403" '^403 ' "$(api_req POST /api/recepisse/courriel "$STACK_DIR/r1.json")"
CSRF=$good
expect_match "the web account cannot read the requests" 'denied' "$(sql_as web electors 'SELECT payload FROM mail_outbox')"
expect_match "…nor change them" 'denied' "$(sql_as web electors 'UPDATE mail_outbox SET sent_at = NOW()')"

# Elector 2 has no address: not offered, refused.
api_login BCDE-FGHJ-KMNP 3456-789A-BCDE-FGHJ 17
expect_match "no address: not offered" '"courriel_recepisse":null' "$(api_req GET '/api/bulletin?scrutin=1')"
out=$(api_vote 1 0 111)
receipt_of "$out" "$STACK_DIR/r2.json"
expect_match "no address: refused (409)" '^409 ' "$(api_req POST /api/recepisse/courriel "$STACK_DIR/r2.json")"
expect_eq "…still one request" "1 1 0" "$(outbox | tr '\t' ' ')"

# --- the relay down: counted, kept for later ----------------------------------
out=$("$MAILER" -c "$MCONF" --once 2>"$STACK_DIR/mailer.err"); rc=$?
expect_eq "relay down: exit 1" 1 "$rc"
expect_match "…said" '0 accusé de réception envoyé, 1 échec' "$out"
expect_match "…the reason on stderr" 'relais de messagerie smtp://127.0.0.1' "$(cat "$STACK_DIR/mailer.err")"
expect_eq "…one attempt counted, the receipt kept" "1 1 0 1" \
	"$(sql_root electors "SELECT COUNT(*), COUNT(payload), COUNT(sent_at), MAX(attempts) FROM mail_outbox" | tr '\t' ' ')"

# --- the relay up: sent ------------------------------------------------------
check "the SMTP server listens" sink_start
out=$("$MAILER" -c "$MCONF" --once); rc=$?
expect_eq "relay up: exit 0" 0 "$rc"
expect_match "…one sent" '^1 accusé de réception envoyé, 0 échec' "$out"
expect_eq "…marked sent, the receipt cleared" "1 0 1" "$(outbox | tr '\t' ' ')"
expect_eq "…one message received" 1 "$(mails)"
expect_eq "…journaled with counts only" '{"echecs":0,"envoyes":1}' \
	"$(sql_root electors "SELECT detail FROM journal WHERE action = 'recepisses_courriel' ORDER BY seq DESC LIMIT 1")"
check "…no address in the journal" sh -c "! mariadb --no-defaults -S '$ELECTORS_SOCK' -u root -N isoloir_electors -e 'SELECT detail FROM journal' | grep -q example.fr"

m=$(find "$MDIR/new" -type f | head -n 1)
mail_text "$m" "$STACK_DIR/att.pdf" >"$STACK_DIR/mail.txt"
text=$(cat "$STACK_DIR/mail.txt")
expect_match "to the elector's address" 'To: <?zoe.dupre@example.fr>?$' "$text"
expect_match "subject decoded, accents and dashes" 'Subject: Accusé de réception de votre vote — Siège — Cadres — Titulaires' "$text"
expect_match "from, accented name decoded" 'From: "?Élections \(ne pas répondre\)"? <ne-pas-repondre@isoloir.invalid>' "$text"
expect_match "automatic, said in the header" 'Auto-Submitted: auto-generated' "$text"
expect_match "addressed to the elector" 'Bonjour Zoé Dupré' "$text"
expect_match "the tracker, grouped by 8" "$(printf '%s' "$tracker" | cut -c1-8) $(printf '%s' "$tracker" | cut -c9-16)" "$text"
expect_match "Paris time" 'à [0-9]+ h [0-9]{2} min [0-9]{2} s \(heure de Paris\)' "$text"
expect_match "the verification link" "/verifier.html\?scrutin=1&traceur=$tracker" "$text"
expect_match "the vote is secret, said" 'ne contient pas votre choix' "$text"
check "never the choice: no list name" sh -c "! grep -q -e Liste -e CGT -e CFDT '$STACK_DIR/mail.txt'"
expect_match "the PDF attached" 'Attachment: accuse-reception-scrutin-1.pdf' "$text"
expect_match "…its text: the tracker signed" "tracker=$tracker" "$(pdftotext -layout "$STACK_DIR/att.pdf" - 2>&1)"

out=$("$MAILER" -c "$MCONF" --once); rc=$?
expect_eq "a second pass: nothing to send, exit 0" "0 0 accusé de réception envoyé, 0 échec" "$rc $out"
expect_eq "…no second message" 1 "$(mails)"

# --- a row the platform did not sign: never sent ------------------------------
sql_root electors "INSERT INTO mail_outbox (elector_id, scrutin_id, kind, payload) VALUES (1, 2, 'recepisse',
 '{\"empreinte\":\"$(printf '%064d' 0)\",\"horodatage\":\"2026-11-30T10:00:00Z\",\"operation\":\"cse-2026\",\"scrutin\":\"Faux\",\"scrutin_id\":2,\"signature\":\"AAAA\"}')" >/dev/null
out=$("$MAILER" -c "$MCONF" --once 2>"$STACK_DIR/mailer.err"); rc=$?
expect_eq "unsigned row: exit 1" 1 "$rc"
expect_match "…the reason" 'non signé par la plateforme' "$(cat "$STACK_DIR/mailer.err")"
expect_eq "…nothing sent" 1 "$(mails)"
sql_root electors "DELETE FROM mail_outbox WHERE scrutin_id = 2" >/dev/null

# --- as a service: sends what comes, stops on SIGTERM -------------------------
api_login ABCD-EFGH-JKMN 2345-6789-ABCD-EFGH 42
out=$(api_vote 2 0 11)
receipt_of "$out" "$STACK_DIR/r3.json"
expect_match "elector 1 asks in scrutin 2" '^200 ' "$(api_req POST /api/recepisse/courriel "$STACK_DIR/r3.json")"
api_login BCDE-FGHJ-KMNP 3456-789A-BCDE-FGHJ 17
expect_match "elector 1's receipt by elector 2, who did not vote there: 404" "^404 .*n'avez pas voté" \
	"$(api_req POST /api/recepisse/courriel "$STACK_DIR/r3.json")"
"$MAILER" -c "$MCONF" --interval 1 >"$STACK_DIR/mailer.out" 2>&1 &
mpid=$!
for _ in $(seq 150); do [ "$(mails)" = 2 ] && break; sleep 0.2; done
expect_eq "the service sent it" 2 "$(mails)"
kill -TERM "$mpid"
wait "$mpid"
expect_eq "…and stopped on SIGTERM, exit 0" 0 "$?"
finish
