/* model-db.c: test driver of the election model (lifecycle, journal,
 * bureau, seal) against a real stack; tests/component/model-db.sh calls it
 * step by step. Prints "ok" or the French error, exits 0 or 1.
 *   model-db CONF setcode MEMBER CODE
 *   model-db CONF apply SCRUTIN STATE [--auto] [MEMBER:CODE ...]
 *   model-db CONF authority SCRUTIN STATE
 *   model-db CONF seal-verify SCRUTIN
 *   model-db CONF journal-verify electors|urn
 *   model-db CONF journal-append electors|urn ACTION
 *   model-db CONF journal-export
 *   model-db CONF concurrent THREADS APPENDS
 *   model-db CONF table
 * The binaries sealed are the paths in $MODEL_BINS (colon-separated). */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bureau.h"
#include "conf.h"
#include "db.h"
#include "journal.h"
#include "lifecycle.h"
#include "seal.h"

static struct db_params pe, pu;
static MYSQL *el, *urn;

static int
say(int rc, const struct err *e)
{
	if (rc == 0)
		printf("ok\n");
	else
		printf("%s\n", e->msg);
	return rc == 0 ? 0 : 1;
}

/* "3:code" -> member 3, code. */
static int
parse_codes(int argc, char **argv, struct bureau_code *codes, size_t *n)
{
	*n = 0;
	for (int i = 0; i < argc && *n < BUREAU_MAX_CODES; i++) {
		char *colon = strchr(argv[i], ':');
		if (colon == NULL)
			return -1;
		*colon = '\0';
		codes[*n].member_id = (unsigned)atoi(argv[i]);
		codes[(*n)++].code = colon + 1;
	}
	return 0;
}

static size_t
split_bins(char *s, const char **bins)
{
	size_t n = 0;

	for (char *t = strtok(s, ":"); t != NULL && n < SEAL_MAX_BINARIES; t = strtok(NULL, ":"))
		bins[n++] = t;
	return n;
}

static int
cmd_apply(int argc, char **argv)
{
	struct lifecycle_req r = { .scrutin_id = (unsigned)atoi(argv[0]), .actor = "test:model-db" };
	struct bureau_code codes[BUREAU_MAX_CODES];
	const char *bins[SEAL_MAX_BINARIES];
	char *env = getenv("MODEL_BINS");
	char *binlist = env != NULL ? strdup(env) : NULL;
	struct bureau_auth auth;
	struct err e;
	unsigned bureau;
	size_t n;
	int rc = -1, first = 2;

	if (lifecycle_state_parse(argv[1], &r.to, &e) == -1)
		goto out;
	if (argc > 2 && strcmp(argv[2], "--auto") == 0)
		r.automatic = 1, first = 3;
	if (parse_codes(argc - first, argv + first, codes, &n) == -1) {
		err_set(&e, "codes : MEMBRE:CODE attendu");
		goto out;
	}
	if (n > 0) {
		if (lifecycle_authority(el, r.scrutin_id, r.to, &bureau, &e) == -1 ||
		    bureau_authorise(el, bureau, codes, n, r.actor, lifecycle_state_name(r.to),
		    r.scrutin_id, &auth, &e) == -1)
			goto out;
		r.auth = &auth;
	}
	if (binlist != NULL)
		r.nbin = split_bins(binlist, bins), r.bins = bins;
	rc = lifecycle_apply(el, urn, &r, &e);
out:
	free(binlist);
	return say(rc, &e);
}

static int
cmd_authority(char **argv)
{
	enum lc_state to;
	unsigned bureau;
	struct err e;

	if (lifecycle_state_parse(argv[1], &to, &e) == -1 ||
	    lifecycle_authority(el, (unsigned)atoi(argv[0]), to, &bureau, &e) == -1)
		return say(-1, &e);
	printf("%u\n", bureau);
	return 0;
}

static MYSQL *
which(const char *name)
{
	return strcmp(name, "urn") == 0 ? urn : el;
}

static int
cmd_journal_verify(const char *db)
{
	uint64_t count = 0;
	struct err e;
	int rc = journal_verify(which(db), 0, NULL, &count, &e);

	if (rc == 0)
		printf("ok %llu\n", (unsigned long long)count);
	else
		printf("%s\n", e.msg);
	return rc == 0 ? 0 : 1;
}

struct job {
	unsigned appends;
	int failures;
};

static void *
run_appends(void *arg)
{
	struct job *j = arg;
	struct err e;
	MYSQL *m;

	mysql_thread_init();
	if ((m = db_connect(&pe, &e)) == NULL) {
		j->failures = (int)j->appends;
	} else {
		for (unsigned i = 0; i < j->appends; i++) {
			if (journal_append(m, "test:concurrent", "essai", 0, "{\"n\":1}", NULL, &e) == -1) {
				fprintf(stderr, "append: %s\n", e.msg);
				j->failures++;
			}
		}
	}
	db_close(m);
	mysql_thread_end();
	return NULL;
}

static int
cmd_concurrent(unsigned threads, unsigned appends)
{
	pthread_t t[64];
	struct job jobs[64];
	int failures = 0;

	if (threads > 64)
		threads = 64;
	for (unsigned i = 0; i < threads; i++) {
		jobs[i] = (struct job){ .appends = appends };
		pthread_create(&t[i], NULL, run_appends, &jobs[i]);
	}
	for (unsigned i = 0; i < threads; i++) {
		pthread_join(t[i], NULL);
		failures += jobs[i].failures;
	}
	printf("%d failures\n", failures);
	return failures == 0 ? 0 : 1;
}

/* The database's transition table is the C one, pair by pair. */
static int
cmd_table(void)
{
	unsigned bad = 0, rows = 0;

	for (int f = 0; f < LC_NSTATES; f++) {
		for (int t = 0; t < LC_NSTATES; t++) {
			char auth[32] = "";
			unsigned long l = 0;
			MYSQL_BIND out[1];
			MYSQL_STMT *st;
			enum lc_auth a;
			struct err e;
			int c_ok = lifecycle_check(f, t, "x", &a, &e) == 0, db_ok;

			st = db_query(el, &e, "SELECT auth FROM lifecycle_transition WHERE"
			    " from_state = ? AND to_state = ?", "ss", lifecycle_state_name(f),
			    lifecycle_state_name(t));
			if (st == NULL)
				return say(-1, &e);
			db_bind(&out[0], MYSQL_TYPE_STRING, auth, sizeof(auth) - 1, &l);
			mysql_stmt_bind_result(st, out);
			db_ok = mysql_stmt_fetch(st) == 0;
			db_cstr(auth, sizeof(auth), l);
			db_done(st);
			rows += db_ok;
			if (c_ok != db_ok || (c_ok && strcmp(auth, lifecycle_auth_name(a)) != 0)) {
				printf("différence : %s -> %s\n", lifecycle_state_name(f),
				    lifecycle_state_name(t));
				bad++;
			}
		}
	}
	printf("%u transitions, %u differences\n", rows, bad);
	return bad == 0 && rows > 0 ? 0 : 1;
}

static int
dispatch(int argc, char **argv)
{
	struct err e;
	const char *cmd = argv[0];

	if (strcmp(cmd, "setcode") == 0 && argc == 3)
		return say(bureau_set_code(el, (unsigned)atoi(argv[1]), argv[2],
		    &bureau_cost_default, "test:model-db", &e), &e);
	if (strcmp(cmd, "apply") == 0 && argc >= 3)
		return cmd_apply(argc - 1, argv + 1);
	if (strcmp(cmd, "authority") == 0 && argc == 3)
		return cmd_authority(argv + 1);
	if (strcmp(cmd, "seal-verify") == 0 && argc == 2)
		return say(seal_check(el, urn, (unsigned)atoi(argv[1]), "test:model-db", &e), &e);
	if (strcmp(cmd, "journal-verify") == 0 && argc == 2)
		return cmd_journal_verify(argv[1]);
	if (strcmp(cmd, "journal-append") == 0 && argc == 3)
		return say(journal_append(which(argv[1]), "test:model-db", argv[2], 0, "{}",
		    NULL, &e), &e);
	if (strcmp(cmd, "journal-export") == 0 && argc == 1)
		return say(journal_export(el, stdout, &e), &e);
	if (strcmp(cmd, "concurrent") == 0 && argc == 3)
		return cmd_concurrent((unsigned)atoi(argv[1]), (unsigned)atoi(argv[2]));
	if (strcmp(cmd, "table") == 0)
		return cmd_table();
	fprintf(stderr, "model-db: commande inconnue\n");
	return 2;
}

int
main(int argc, char **argv)
{
	struct conf *c;
	struct err e;
	int rc = 1;

	if (argc < 3) {
		fprintf(stderr, "usage : model-db CONF COMMANDE ...\n");
		return 2;
	}
	if ((c = conf_load(argv[1], &e)) == NULL ||
	    db_params_from_conf(c, "electors_db", &pe, &e) == -1 ||
	    db_params_from_conf(c, "urn_db", &pu, &e) == -1 ||
	    (el = db_connect(&pe, &e)) == NULL || (urn = db_connect(&pu, &e)) == NULL) {
		fprintf(stderr, "model-db: %s\n", e.msg);
		goto out;
	}
	rc = dispatch(argc - 2, argv + 2);
out:
	db_close(el);
	db_close(urn);
	conf_free(c);
	return rc;
}
