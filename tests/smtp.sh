# smtp.sh: a real SMTP server on loopback (python3-aiosmtpd, Debian),
# standing for the platform's mail relay, for the tests of isoloir-mailer;
# sourced after lib.sh and stack_up. Messages land as maildir files in
# $MDIR/new; $MCONF (the stack's mailer.conf) points at it.
/usr/bin/python3 -c 'import aiosmtpd' 2>/dev/null || { echo "SKIP: python3-aiosmtpd missing"; exit 77; }
MAILER=$ISOLOIR_BUILDDIR/cli/isoloir-mailer
MCONF=$STACK_DIR/etc/mailer.conf
MDIR=$STACK_DIR/maildir
SINK_PID=
smtp_port() {
	for _ in $(seq 200); do
		p=$((20000 + $(od -An -N2 -tu2 /dev/urandom) % 40000))
		ss -Htln "sport = :$p" | grep -q . || { echo "$p"; return; }
	done
}
SMTP_PORT=$(smtp_port)
sed -i "s|^relais = .*|relais = smtp://127.0.0.1:$SMTP_PORT|" "$MCONF"
sink_start() {
	/usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$SMTP_PORT" -c aiosmtpd.handlers.Mailbox "$MDIR" \
		>"$STACK_DIR/sink.log" 2>&1 &
	SINK_PID=$!
	for _ in $(seq 150); do
		ss -Htln "sport = :$SMTP_PORT" | grep -q . && return 0
		sleep 0.2
	done
	return 1
}
sink_stop() { [ -n "$SINK_PID" ] && kill "$SINK_PID" 2>/dev/null; wait "$SINK_PID" 2>/dev/null; SINK_PID=; }
smtp_cleanup() { rc=$?; sink_stop; (exit $rc); stack_down; }
trap smtp_cleanup EXIT
mails() { find "$MDIR/new" -type f 2>/dev/null | wc -l; }
# mail_text FILE [PDF-OUT] : headers and text parts of one message, decoded
mail_text() {
	/usr/bin/python3 - "$1" "${2:-/dev/null}" <<'PY'
import email, sys
from email import policy
msg = email.message_from_binary_file(open(sys.argv[1], 'rb'), policy=policy.default)
for h in ('To', 'Subject', 'From', 'Auto-Submitted'):
    print(h + ':', msg[h])
for part in msg.walk():
    if part.get_content_type() == 'text/plain':
        print(part.get_content())
    elif part.get_content_type() == 'application/pdf':
        print('Attachment:', part.get_filename())
        open(sys.argv[2], 'wb').write(part.get_content())
PY
}
