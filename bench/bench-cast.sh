#!/bin/sh
# bench-cast: casts per second through nginx + TLS + FastCGI with 8×7
# ballots (8 lists of 7 candidates, + blank), 2 and 4 workers: N electors
# open their sessions and get their ballots encrypted by the browser's code
# first (not measured), then all cast at once (bench/bench-cast.mjs), each
# ballot verified by the worker and recorded with its émargement across the
# two databases. Writes bench/results/cast-<workers>w.json. Not a test.
set -eu
: "${ISOLOIR_SRCDIR:?run me through make bench}" "${ISOLOIR_BUILDDIR:?}"
N=${BENCH_CASTS:-600}
WORKERS=${BENCH_WORKERS:-2 4}
CONC=${BENCH_CONCURRENCY:-32}
PW=2345-6789-ABCD-EFGH
out=$ISOLOIR_SRCDIR/bench/results
mkdir -p "$out"
# 8×7 election parameters: those of tests/vectors/ballot-8x7.json
FP=cdd0ce4152a0be9cbfcc8351442be934f26545f6bbd194a21d3470478ff94489
Y=03374de782b1058f5e012c5dd93ee71f6e42326376327323894bee9f4f9163fa44

for W in $WORKERS; do
	dir=$(mktemp -d /tmp/isoloir-bench.XXXXXX)
	trap '"$ISOLOIR_SRCDIR/scripts/stack" stop "$dir" >/dev/null 2>&1; rm -rf "$dir"' EXIT
	ISOLOIR_WORKERS=$W ISOLOIR_RATE_LIMIT=100000r/s ISOLOIR_BURST_CASTS=1000000 \
		"$ISOLOIR_SRCDIR/scripts/stack" start "$dir" >/dev/null
	. "$dir/stack.env"
	root() { mariadb --no-defaults -S "$ELECTORS_SOCK" -u root isoloir_electors "$@"; }
	root -e "INSERT INTO operation (code,name,opens_at,closes_at) VALUES ('b','Bench','2026-01-01','2027-12-31');
INSERT INTO establishment (operation_id,name) VALUES (1,'Siège');
INSERT INTO college (operation_id,name) VALUES (1,'Cadres');
INSERT INTO scrutin (operation_id,establishment_id,college_id,category,seats) VALUES (1,1,1,'titulaires',7);
UPDATE scrutin SET state = 'open';
INSERT INTO candidate_list (scrutin_id,position,name,unions) SELECT 1, seq, CONCAT('Liste ', seq), 'U' FROM seq_1_to_8;
INSERT INTO candidate (list_id,position,nom,prenom,sexe,date_naissance)
 SELECT l.seq, c.seq, CONCAT('Nom', c.seq), 'Prénom', 'F', '1980-01-01' FROM seq_1_to_8 l JOIN seq_1_to_7 c;
INSERT INTO scrutin_crypto (scrutin_id,public_key,fingerprint) VALUES (1,'$Y','$FP');
INSERT INTO elector (operation_id,matricule,nom,prenom,sexe,date_naissance,establishment_id,college_id,statut,adresse,code_postal,ville,cle_nir)
 SELECT 1, CONCAT('M', seq), 'Nom', 'Prénom', 'F', '1980-01-01', 1, 1, 'salarie', 'rue', '75001', 'Paris', '42' FROM seq_1_to_$N;
INSERT INTO elector_scrutin SELECT id, 1 FROM elector;"
	"$ISOLOIR_BUILDDIR/tests/component/mkcred" "$dir/etc/console.conf" --bulk "$N" "$PW" | root
	# Durable work per cast on each instance: binlog commits and InnoDB
	# fsyncs (redo log and data files), read around the whole run
	# (logins, ballots, casts).
	counters() { # counters SOCK : "BINLOG_COMMITS FSYNCS"
		mariadb --no-defaults -S "$1" -u root -N -e "SELECT GROUP_CONCAT(VARIABLE_VALUE ORDER BY VARIABLE_NAME SEPARATOR ' ')
			FROM information_schema.GLOBAL_STATUS WHERE VARIABLE_NAME IN ('BINLOG_COMMITS', 'INNODB_DATA_FSYNCS')"
	}
	e0=$(counters "$ELECTORS_SOCK") u0=$(counters "$URN_SOCK")
	res=$(node "$ISOLOIR_SRCDIR/bench/bench-cast.mjs" "$ISOLOIR_SRCDIR/web" "$URL" "$CA" "$N" "$PW" "$CONC")
	e1=$(counters "$ELECTORS_SOCK") u1=$(counters "$URN_SOCK")
	per_cast() { # per_cast "B0 F0" "B1 F1" : commits and fsyncs per cast
		echo "$1 $2" | awk -v n="$N" '{ printf "{\"binlog_commits\":%.2f,\"fsyncs\":%.2f}", ($3 - $1) / n, ($4 - $2) / n }'
	}
	durable="{\"electors\":$(per_cast "$e0" "$e1"),\"urn\":$(per_cast "$u0" "$u1")}"
	rss=$(for p in "$dir"/fcgi/w*.pid; do awk '/VmHWM/ {print $2}' "/proc/$(cat "$p")/status"; done | sort -n | tail -n 1)
	check=$(echo "$(root -N -e 'SELECT COUNT(*) FROM emargement') $(mariadb --no-defaults -S "$URN_SOCK" -u root -N isoloir_urn -e 'SELECT COUNT(*) FROM ballot')")
	printf '{"bench":"cast","date":"%s","machine":"%s","cores":%s,"workers":%s,"threads":4,"shape":"8x7","result":%s,"emargements_ballots":"%s","worker_max_rss_kib":%s,"per_cast":%s}\n' \
		"$(date -u +%FT%TZ)" "$(uname -m) $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')" \
		"$(nproc)" "$W" "$res" "$check" "$rss" "$durable" | tee "$out/cast-${W}w.json"
	"$ISOLOIR_SRCDIR/scripts/stack" stop "$dir" >/dev/null
	rm -rf "$dir"
	trap - EXIT
done
