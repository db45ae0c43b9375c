# lib.sh: helpers for the shell tests (sourced). A test calls stack_up to get
# a private platform in a temp dir, torn down on exit whatever happens.
# Exit codes: 0 pass, 1 fail, 77 skip (a skip in CI is an install bug).

: "${ISOLOIR_SRCDIR:?run me through make check}"
: "${ISOLOIR_BUILDDIR:?run me through make check}"
export ISOLOIR_BUILDDIR

T_FAILS=0
T_COUNT=0
T_NAME=$(basename "$0" .sh)

need() { # need CMD... : skip when a tool is missing
	local c
	for c in "$@"; do
		command -v "$c" >/dev/null 2>&1 || { echo "SKIP: $c manquant"; exit 77; }
	done
}

ok() { T_COUNT=$((T_COUNT + 1)); echo "ok $T_COUNT - $*"; }
not_ok() { T_COUNT=$((T_COUNT + 1)); T_FAILS=$((T_FAILS + 1)); echo "not ok $T_COUNT - $*"; }

# check DESCRIPTION COMMAND... : one assertion
check() {
	local d=$1
	shift
	if "$@"; then ok "$d"; else not_ok "$d"; fi
}

# expect_eq DESCRIPTION EXPECTED ACTUAL
# Hex on stdin to bytes on stdout (perl-base is on every Debian; xxd is not).
unhex() { perl -e 'local $/; my $h = <STDIN>; $h =~ s/\s//g; print pack("H*", $h)'; }

expect_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else not_ok "$1 (attendu « $2 », obtenu « $3 »)"; fi
}

# expect_match DESCRIPTION PATTERN TEXT (grep -E)
expect_match() {
	if printf '%s' "$3" | grep -Eq -- "$2"; then ok "$1"; else not_ok "$1 (« $2 » absent de « $3 »)"; fi
}

finish() {
	echo "$T_NAME: $((T_COUNT - T_FAILS)) passed, $T_FAILS failed"
	[ "$T_FAILS" = 0 ] && [ "$T_COUNT" -gt 0 ]
}

STACK_DIR=
stack_down() {
	local rc=$? san
	[ -n "$STACK_DIR" ] || return 0
	"$ISOLOIR_SRCDIR/scripts/stack" stop "$STACK_DIR" >/dev/null 2>&1 || true
	# A sanitizer report in a worker's log fails the test that ran it.
	san=$(grep -l -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' "$STACK_DIR"/fcgi/*.log 2>/dev/null)
	if [ -n "$san" ]; then
		echo "not ok - sanitizer report in worker log"
		grep -h -A 30 -E 'ERROR: (Address|Leak)Sanitizer|runtime error:' $san | head -n 80
		T_FAILS=$((T_FAILS + 1))
		rc=1
	fi
	if [ "$T_FAILS" != 0 ] && [ -d "$STACK_DIR" ]; then
		echo "--- logs of the failed stack ($STACK_DIR) ---"
		tail -n 20 "$STACK_DIR"/fcgi/*.log "$STACK_DIR"/nginx/logs/error.log 2>/dev/null
		# the test's own logs (a console's stderr under tmux, ...): without
		# them a crash seen only in CI cannot be diagnosed
		tail -n 60 "$STACK_DIR"/*.log 2>/dev/null
	fi
	rm -rf "$STACK_DIR" ${WEB_COPY:+"$WEB_COPY"}
	STACK_DIR=
	exit "$rc"
}

stack_up() {
	need mariadbd nginx curl openssl
	trap stack_down EXIT
	# Ports are picked free but not reserved: two stacks starting at the same
	# moment can collide. Try again with new ports before calling it a failure.
	for attempt in 1 2 3; do
		STACK_DIR=$(mktemp -d /tmp/isoloir-stack.XXXXXX)
		if "$ISOLOIR_SRCDIR/scripts/stack" start "$STACK_DIR" >"$STACK_DIR.start.log" 2>&1; then
			rm -f "$STACK_DIR.start.log"
			# shellcheck disable=SC1091
			. "$STACK_DIR/stack.env"
			return 0
		fi
		echo "# stack start attempt $attempt failed:"
		sed 's/^/#   /' "$STACK_DIR.start.log"
		tail -n 5 "$STACK_DIR"/db/*/mysqld.log 2>/dev/null | sed 's/^/#   /'
		"$ISOLOIR_SRCDIR/scripts/stack" stop "$STACK_DIR" >/dev/null 2>&1
		rm -rf "$STACK_DIR" "$STACK_DIR.start.log"
		STACK_DIR=
	done
	echo "stack start failed"
	exit 1
}

# https GET through nginx with TLS verified against the stack's CA.
https_get() { curl -sS --max-time 20 --cacert "$CA" "$@"; }

# SQL as one of the role accounts: sql_as ROLE electors|urn "statement"
sql_as() {
	local role=$1 db=$2 sock pw
	pw=$(cat "$STACK_DIR/secrets/$role.pw")
	if [ "$db" = electors ]; then sock=$ELECTORS_SOCK; else sock=$URN_SOCK; fi
	mariadb --no-defaults -S "$sock" -u "isoloir_$role" -p"$pw" -N "isoloir_$db" -e "$3" 2>&1
}

sql_root() { # sql_root electors|urn "statement"
	local sock
	if [ "$1" = electors ]; then sock=$ELECTORS_SOCK; else sock=$URN_SOCK; fi
	mariadb --no-defaults -S "$sock" -u root -N "isoloir_$1" -e "$2" 2>&1
}

# Base64 SHA-256 of a certificate's public key, for Chromium's
# --ignore-certificate-errors-spki-list (trusts exactly that key).
spki_of() {
	openssl x509 -in "$1" -pubkey -noout | openssl pkey -pubin -outform der |
		openssl dgst -sha256 -binary | base64
}

# The small operation of tests/data/small-operation.sql, with credentials:
# elector 1 ABCD-EFGH-JKMN / 2345-6789-ABCD-EFGH / 42,
# elector 2 BCDE-FGHJ-KMNP / 3456-789A-BCDE-FGHJ / 17.
# SQL for speed; tests/component/operation-small.sh checks that the console
# builds the same structure from tests/data/small-operation.conf.
load_small_operation() {
	sql_root electors "$(cat "$ISOLOIR_SRCDIR/tests/data/small-operation.sql")" >/dev/null
	{
		"$ISOLOIR_BUILDDIR/tests/component/mkcred" "$STACK_DIR/etc/console.conf" 1 ABCD-EFGH-JKMN 2345-6789-ABCD-EFGH
		"$ISOLOIR_BUILDDIR/tests/component/mkcred" "$STACK_DIR/etc/console.conf" 2 BCDE-FGHJ-KMNP 3456-789A-BCDE-FGHJ
	} >"$STACK_DIR/cred.sql" || return 1
	sql_root electors "$(cat "$STACK_DIR/cred.sql")" >/dev/null
}

# The small operation's bureau (président Dupont, secrétaire Roy,
# assesseur Martin) for every scrutin, each member's personal code set by
# the console, and the codes file CODES ("MEMBRE CODE" lines) to seal with.
small_bureau() { # small_bureau CODES
	sql_root electors "INSERT INTO bureau (operation_id, establishment_id, name) VALUES (1, 1, 'Bureau du Siège');
INSERT INTO bureau_member (bureau_id, role, nom, prenom) VALUES
  (1, 'president', 'Dupont', 'Jean'), (1, 'secretaire', 'Roy', 'Lise'), (1, 'assesseur', 'Martin', 'Anne');
UPDATE scrutin SET bureau_id = 1" >/dev/null
	for m in 1 2 3; do
		printf 'code-du-membre-%s\n' $m |
			"$ISOLOIR_BUILDDIR/tui/isoloir-console" bureau code $m -c "$STACK_DIR/etc/console.conf" >/dev/null
	done
	printf '1 code-du-membre-1\n2 code-du-membre-2\n3 code-du-membre-3\n' >"$1"
}

# Run a script of web/ with node, from a copy of web/src and web/test beside
# the installed npm packages (works from a read-only source tree too).
WEB_COPY=
node_web() { # node_web web/test/tools/x.mjs [args...]
	if [ -z "$WEB_COPY" ]; then
		WEB_COPY=$(mktemp -d /tmp/isoloir-web.XXXXXX)
		cp -R "$ISOLOIR_SRCDIR/web/src" "$ISOLOIR_SRCDIR/web/test" "$ISOLOIR_SRCDIR/web/package.json" "$WEB_COPY/"
		ln -s "$ISOLOIR_NODE_MODULES" "$WEB_COPY/node_modules"
	fi
	local script=$1
	shift
	node "$WEB_COPY/${script#web/}" "$@"
}

# key_ceremony FP DIR : a 2-of-3 key ceremony with isoloir-trustee for the
# election fingerprint FP, in DIR: the deals, each member's sealed key
# (key-X.json, passphrase in pass-X), public.json.
key_ceremony() {
	local t=$ISOLOIR_BUILDDIR/cli/isoloir-trustee x
	mkdir -p "$2"
	for x in 1 2 3; do
		"$t" deal --election "$1" --holder $x --threshold 2 --holders 3 --dir "$2" >/dev/null
		echo "phrase secrète du membre $x" >"$2/pass-$x"
	done
	for x in 1 2 3; do
		"$t" key --election "$1" --holder $x --dir "$2" --passphrase-file "$2/pass-$x" \
			--out "$2/key-$x.json" >/dev/null
	done
	"$t" public --election "$1" --dir "$2" >"$2/public.json"
}

# The voting API with curl and a cookie jar (sets CSRF); see fcgi-vote.sh.
api_req() { # api_req METHOD PATH [BODY-FILE] : prints "STATUS BODY"
	if [ -n "${3:-}" ]; then
		https_get -b "$STACK_DIR/jar" -c "$STACK_DIR/jar" -o "$STACK_DIR/body" -w '%{http_code}' -X "$1" \
			-H 'Content-Type: application/json' -H "X-CSRF-Token: ${CSRF:-}" --data-binary "@$3" "${URL%/}$2"
	else
		https_get -b "$STACK_DIR/jar" -c "$STACK_DIR/jar" -o "$STACK_DIR/body" -w '%{http_code}' -X "$1" \
			-H "X-CSRF-Token: ${CSRF:-}" "${URL%/}$2"
	fi
	printf ' %s' "$(cat "$STACK_DIR/body")"
}
csrf_of() { printf '%s' "$1" | sed -n 's/.*"csrf":"\([^"]*\)".*/\1/p'; }
api_login() { # api_login ID PW CHALLENGE
	rm -f "$STACK_DIR/jar"
	CSRF=$(csrf_of "$(api_req GET /api/session)")
	printf '{"identifiant":"%s","mot_de_passe":"%s","reponse":"%s"}' "$1" "$2" "$3" >"$STACK_DIR/login.json"
	CSRF=$(csrf_of "$(api_req POST /api/connexion "$STACK_DIR/login.json")")
}
# api_vote SCRUTIN LIST KEPT : encrypt with the browser's code and cast.
api_vote() {
	local page
	page=$(api_req GET "/api/bulletin?scrutin=$1")
	printf '%s' "${page#200 }" >"$STACK_DIR/page.json"
	node_web web/test/tools/encrypt.mjs "$2" "${3:-}" <"$STACK_DIR/page.json" >"$STACK_DIR/vote.json"
	api_req POST /api/vote "$STACK_DIR/vote.json"
}

# Crash tests need a build configured with --enable-fault-injection
# (scripts/test and CI always do).
need_fault_injection() {
	grep -q '^#define ISOLOIR_FAULT_INJECTION 1' "$ISOLOIR_BUILDDIR/config.h" ||
		{ echo "SKIP: build without --enable-fault-injection"; exit 77; }
}
