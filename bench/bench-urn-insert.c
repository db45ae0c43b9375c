/* bench-urn-insert.c: the urn server's CPU time for one cast's ballot
 * INSERT and commit, as lib/cast.c sends it (db_run_bulk) and as a plain
 * prepared statement (db_run), for a few body sizes: figures for
 * docs/performance.md, not a test. Reads the server's CPU time from
 * /proc/PID/stat around N transactions of random rows.
 *   bench-urn-insert SOCKET PID N BODY_BYTES POINTS_BYTES plain|bulk
 * prints: mode body points ms_server_cpu_per_insert */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/rand.h>

#include "db.h"

/* utime + stime of a process, in clock ticks */
static long long
cpu_ticks(long pid)
{
	char path[64], buf[2048], *p;
	long long ut = 0, st = 0;
	size_t n;
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%ld/stat", pid);
	if ((f = fopen(path, "r")) == NULL)
		return -1;
	n = fread(buf, 1, sizeof(buf) - 1, f);
	fclose(f);
	buf[n] = '\0';
	/* fields after the command name: state is field 3, utime 14, stime 15
	 */
	if ((p = strrchr(buf, ')')) == NULL ||
	    sscanf(p + 2,
	        "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lld %lld", &ut,
	        &st) != 2)
		return -1;
	return ut + st;
}

int
main(int argc, char **argv)
{
	struct db_params p = {.name = "urn",
	    .user = "root",
	    .database = "isoloir_bench",
	    .timeout_s = 60};
	unsigned char tr[32], *body, *pts;
	size_t bl, pl;
	long long t0, t1;
	struct err e;
	int bulk, n;
	long pid;
	MYSQL *m;

	if (argc != 7) {
		fprintf(stderr, "usage: bench-urn-insert SOCKET PID N BODY "
		                "POINTS plain|bulk\n");
		return 2;
	}
	p.socket = argv[1];
	pid = atol(argv[2]);
	n = atoi(argv[3]);
	bl = (size_t)atol(argv[4]);
	pl = (size_t)atol(argv[5]);
	bulk = strcmp(argv[6], "bulk") == 0;
	body = malloc(bl + 1);
	pts = malloc(pl + 1);
	mysql_library_init(0, NULL, NULL);
	if (body == NULL || pts == NULL || (m = db_connect(&p, &e)) == NULL) {
		fprintf(stderr, "bench-urn-insert: %s\n",
		    body == NULL || pts == NULL ? "memory" : e.msg);
		return 1;
	}
	t0 = cpu_ticks(pid);
	for (int i = 0; i < n; i++) {
		long long r;
		/* random bytes, as packed ballots are */
		RAND_bytes(tr, sizeof(tr));
		RAND_bytes(body, (int)bl);
		RAND_bytes(pts, (int)pl);
		if (db_exec(m, "START TRANSACTION", &e) == -1)
			break;
		r = (bulk ? db_run_bulk : db_run)(m, &e,
		    "INSERT INTO ballot (tracker, scrutin_id, sub_urn, body, "
		    "points)"
		    " VALUES (?, ?, ?, ?, ?)",
		    "buubb", tr, sizeof(tr), 1u, 0u, body, bl, pts, pl);
		if (r != 1 || db_exec(m, "COMMIT", &e) == -1) {
			fprintf(stderr, "bench-urn-insert: %s\n", e.msg);
			return 1;
		}
	}
	t1 = cpu_ticks(pid);
	printf("%s %zu %zu %.3f\n", bulk ? "bulk" : "plain", bl, pl,
	    (double)(t1 - t0) * 1000.0 / (double)sysconf(_SC_CLK_TCK) / n);
	db_close(m);
	free(body);
	free(pts);
	mysql_library_end();
	return 0;
}
