#!/bin/sh
# bench-login: logins per second through nginx + TLS + FastCGI + Argon2id
# (cred_cost_default in lib/credential.c), with 2 and 4 workers, N electors, wrk on loopback for a
# bounded time. Writes bench/results/login-<workers>w.json. Not a test.
set -eu
: "${ISOLOIR_SRCDIR:?run me through make bench}" "${ISOLOIR_BUILDDIR:?}"
N=${BENCH_ELECTORS:-2000}
SECONDS_RUN=${BENCH_SECONDS:-10}
PW=2345-6789-ABCD-EFGH
out=$ISOLOIR_SRCDIR/bench/results
mkdir -p "$out"

for W in 2 4; do
	dir=$(mktemp -d /tmp/isoloir-bench.XXXXXX)
	trap '"$ISOLOIR_SRCDIR/scripts/stack" stop "$dir" >/dev/null 2>&1; rm -rf "$dir"' EXIT
	ISOLOIR_WORKERS=$W ISOLOIR_RATE_LIMIT=100000r/s "$ISOLOIR_SRCDIR/scripts/stack" start "$dir" >/dev/null
	. "$dir/stack.env"
	root() { mariadb --no-defaults -S "$ELECTORS_SOCK" -u root isoloir_electors "$@"; }
	root -e "INSERT INTO operation (code,name,opens_at,closes_at) VALUES ('b','Bench','2026-01-01','2027-01-01');
INSERT INTO establishment (operation_id,name) VALUES (1,'Siège');
INSERT INTO college (operation_id,name) VALUES (1,'Cadres');
INSERT INTO elector (operation_id,matricule,nom,prenom,sexe,date_naissance,establishment_id,college_id,statut,adresse,code_postal,ville,cle_nir)
 SELECT 1, CONCAT('M', seq), 'Nom', 'Prénom', 'F', '1980-01-01', 1, 1, 'salarie', 'rue', '75001', 'Paris', '42' FROM seq_1_to_$N;"
	"$ISOLOIR_BUILDDIR/tests/component/mkcred" "$dir/etc/console.conf" --bulk "$N" "$PW" | root
	jar=$dir/jar
	resp=$(curl -sS --cacert "$CA" -c "$jar" "${URL}api/session")
	csrf=$(printf '%s' "$resp" | sed -n 's/.*"csrf":"\([^"]*\)".*/\1/p')
	cookie="__Host-isoloir=$(awk '/isoloir/ {print $7}' "$jar")"
	res=$(BENCH_ELECTORS=$N BENCH_COOKIE=$cookie BENCH_CSRF=$csrf BENCH_PASSWORD=$PW \
		wrk -t2 -c16 -d"${SECONDS_RUN}s" --timeout 10s -s "$ISOLOIR_SRCDIR/bench/login.lua" "$URL" | tail -n 1)
	rss=$(for p in "$dir"/fcgi/w*.pid; do awk '/VmHWM/ {print $2}' "/proc/$(cat "$p")/status"; done | sort -n | tail -n 1)
	printf '{"bench":"login","date":"%s","machine":"%s","cores":%s,"workers":%s,"threads":4,"electors":%s,"argon2":"m=8192,t=2,p=1","wrk":%s,"worker_max_rss_kib":%s}\n' \
		"$(date -u +%FT%TZ)" "$(uname -m) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" \
		"$(nproc)" "$W" "$N" "$res" "$rss" | tee "$out/login-${W}w.json"
	"$ISOLOIR_SRCDIR/scripts/stack" stop "$dir" >/dev/null
	rm -rf "$dir"
	trap - EXIT
done
