/* cast-db.c: test driver of lib/cast.c against a real stack:
 *   cast-db CONF cast ELECTOR SCRUTIN SEED     one cast, prints the outcome
 *   cast-db CONF parallel ELECTOR SCRUTIN N    N concurrent casts (threads)
 *   cast-db CONF recover MIN_AGE               settle abandoned casts
 *   cast-db CONF stmtcache                     lib/db.c's kept statements:
 *                                              prints "ok" or what failed
 *   cast-db CONF bulk                          db_run_bulk: a ballot row
 *                                              stored byte for byte, the
 *                                              duplicate refused, in one
 *                                              transaction rolled back;
 *                                              prints "ok" (the caller reads
 *                                              the server's general log)
 *   cast-db CONF chain SCRUTIN CLEAN ELECTOR...
 *                                              one cast per elector through
 *                                              ONE pair of connections that
 *                                              keeps its decision row (as a
 *                                              worker does); prints each
 *                                              OUTCOME:ROWS ('commit' rows
 *                                              after it), then flushed:ROWS;
 *                                              CLEAN=1 runs recovery's
 *                                              cleaning between casts
 *   cast-db CONF expect ELECTOR SCRUTIN SEED FIELD
 *                                              one cast checked against the
 *                                              values lib/castcache.c loads,
 *                                              FIELD of them changed (none:
 *                                              as loaded): prints the outcome
 * The ballot body is a placeholder: verification is not this module's job;
 * its tracker is SHA-256(SEED), so the same SEED is the same ballot. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <mysqld_error.h>
#include <openssl/sha.h>

#include "cast.h"
#include "castcache.h"
#include "db.h"

static const char *names[] = { "RECORDED", "ALREADY_HERE", "ALREADY_VOTED",
	"NOT_OPEN", "NOT_ELECTOR", "REPLAY", "RETRY", "STALE" };

static struct db_params pe, pu;
static unsigned char key[CAST_KEY_LEN]; /* [web] cast_key of CONF */

struct job {
	unsigned elector, scrutin;
	char seed[64];
	int outcome; /* -1 error */
	const char *alter; /* expect: the field changed, or NULL: no expect */
};

/* What a worker would check the cast against, one field changed. */
static int
job_expect(MYSQL *el, const struct job *j, struct cast_expect *x, struct err *e)
{
	const struct castcache_entry *k;
	struct castcache c = { 0 };
	const char *f = j->alter;
	int fresh;

	if (castcache_get(&c, el, NULL, j->scrutin, &k, &fresh, e) != 0)
		return -1;
	*x = k->expect;
	castcache_clear(&c);
	if (strcmp(f, "operation") == 0)
		x->operation++;
	else if (strcmp(f, "opens") == 0)
		x->cal.opens--;
	else if (strcmp(f, "closes") == 0)
		x->cal.closes++;
	else if (strcmp(f, "grace") == 0)
		x->cal.grace_s++;
	else if (strcmp(f, "ressaisie") == 0)
		x->ressaisie = !x->ressaisie;
	else if (strcmp(f, "nul") == 0)
		x->nul_slot = !x->nul_slot;
	else if (strcmp(f, "key") == 0)
		x->public_key[65] = x->public_key[65] == '0' ? '1' : '0';
	else if (strcmp(f, "fingerprint") == 0)
		x->fingerprint[0] = x->fingerprint[0] == '0' ? '1' : '0';
	else if (strcmp(f, "none") != 0)
		return err_set(e, "champ inconnu : %s", f);
	return 0;
}

static void *
run_cast(void *arg)
{
	struct job *j = arg;
	struct cast_expect x;
	struct cast_ballot b;
	struct cast_result r;
	struct err e;
	MYSQL *el, *urn;

	mysql_thread_init();
	j->outcome = -1;
	el = db_connect(&pe, &e);
	urn = db_connect(&pu, &e);
	if (el != NULL && urn != NULL) {
		b.scrutin_id = j->scrutin;
		SHA256((const unsigned char *)j->seed, strlen(j->seed), b.tracker);
		b.body = j->seed;
		b.body_len = strlen(j->seed);
		b.points = NULL; /* not a real ballot: nothing decoded */
		b.points_len = 0;
		b.expect = j->alter != NULL ? &x : NULL; /* or the recording alone */
		if (j->alter != NULL && job_expect(el, j, &x, &e) == -1)
			fprintf(stderr, "expect: %s\n", e.msg);
		else if (cast_record(el, urn, key, NULL, j->elector, &b, &r, &e) == 0)
			j->outcome = (int)r.outcome;
		else
			fprintf(stderr, "cast: %s\n", e.msg);
	} else {
		fprintf(stderr, "connect: %s\n", e.msg);
	}
	db_close(el);
	db_close(urn);
	mysql_thread_end();
	return NULL;
}

static int
parallel(unsigned elector, unsigned scrutin, int n)
{
	pthread_t t[256];
	struct job j[256];
	int count[8] = { 0 }, errors = 0;

	for (int i = 0; i < n; i++) {
		j[i].elector = elector;
		j[i].scrutin = scrutin;
		j[i].alter = NULL;
		snprintf(j[i].seed, sizeof(j[i].seed), "parallel-%u-%d", elector, i);
		pthread_create(&t[i], NULL, run_cast, &j[i]);
	}
	for (int i = 0; i < n; i++) {
		pthread_join(t[i], NULL);
		if (j[i].outcome < 0)
			errors++;
		else
			count[j[i].outcome]++;
	}
	for (int k = 0; k < 8; k++)
		if (count[k] > 0)
			printf("%s=%d ", names[k], count[k]);
	printf("ERRORS=%d\n", errors);
	return 0;
}

static int
recover(unsigned min_age)
{
	struct cast_recovery st;
	struct err e;
	MYSQL *el = db_connect(&pe, &e), *urn = el == NULL ? NULL : db_connect(&pu, &e);
	int rc = 1;

	if (urn != NULL && cast_recover(el, urn, key, min_age, &st, &e) == 0) {
		printf("committed=%u aborted=%u cleaned=%u busy=%u\n", st.committed, st.aborted,
		    st.cleaned, st.busy);
		rc = 0;
	} else {
		fprintf(stderr, "recover: %s\n", e.msg);
	}
	db_close(el);
	db_close(urn);
	return rc;
}

static int
single(unsigned elector, unsigned scrutin, const char *seed, const char *alter)
{
	struct job j = { elector, scrutin, "", 0, alter };

	snprintf(j.seed, sizeof(j.seed), "%s", seed);
	run_cast(&j);
	printf("%s\n", j.outcome < 0 ? "ERROR" : names[j.outcome]);
	return j.outcome < 0;
}

/* Statements this connection's session has prepared. */
static long long
prepares(MYSQL *m)
{
	MYSQL_RES *r;
	MYSQL_ROW row;
	long long n = -1;

	if (mysql_query(m, "SHOW SESSION STATUS LIKE 'Com_stmt_prepare'") !=
	        0 ||
	    (r = mysql_store_result(m)) == NULL)
		return -1;
	if ((row = mysql_fetch_row(r)) != NULL && row[1] != NULL)
		n = atoll(row[1]);
	mysql_free_result(r);
	return n;
}

static long long
plus_one(MYSQL *m, unsigned v)
{
	long long r = -1;
	struct err e;

	return db_fetch_int(db_query(m, &e, "SELECT ? + 1", "u", v), &r, &e) ==
	               1
	           ? r
	           : -1;
}

#define STMT_CHECK(cond, what)                                                 \
	do {                                                                   \
		if (!(cond)) {                                                 \
			printf("FAIL %s\n", what);                             \
			fails++;                                               \
		}                                                              \
	} while (0)

/* lib/db.c keeps statements per connection: one prepare for many uses, a
 * statement nested in its own loop gets its own, a failed one is dropped,
 * and a new connection (after db_close) prepares afresh. */
static int
stmtcache(void)
{
	long long p0, a = 0, b = 0, r = 0;
	MYSQL_STMT *s1, *s2;
	MYSQL_BIND out[1];
	struct err e;
	MYSQL *m;
	int fails = 0;

	if ((m = db_connect(&pe, &e)) == NULL) {
		fprintf(stderr, "cast-db: %s\n", e.msg);
		return 2;
	}
	p0 = prepares(m);
	STMT_CHECK(
	    plus_one(m, 1) == 2 && plus_one(m, 2) == 3 && plus_one(m, 3) == 4,
	    "values");
	STMT_CHECK(prepares(m) == p0 + 1, "three uses, one prepare");
	/* nested: the kept one is busy, the inner query gets its own */
	s1 = db_query(m, &e, "SELECT ? + 1", "u", 5u);
	STMT_CHECK(
	    s1 != NULL && mysql_stmt_store_result(s1) == 0, "outer query");
	s2 = db_query(m, &e, "SELECT ? + 1", "u", 6u);
	STMT_CHECK(s2 != NULL && s2 != s1, "nested query, its own statement");
	if (s1 != NULL && s2 != NULL) {
		db_bind(&out[0], MYSQL_TYPE_LONGLONG, &b, 0, NULL);
		STMT_CHECK(mysql_stmt_bind_result(s2, out) == 0 &&
		               mysql_stmt_fetch(s2) == 0 && b == 7,
		    "nested value");
		db_bind(&out[0], MYSQL_TYPE_LONGLONG, &a, 0, NULL);
		STMT_CHECK(mysql_stmt_bind_result(s1, out) == 0 &&
		               mysql_stmt_fetch(s1) == 0 && a == 6,
		    "outer value after the nested one");
	}
	db_done(s2);
	db_done(s1);
	STMT_CHECK(prepares(m) == p0 + 2 && plus_one(m, 7) == 8 &&
	               prepares(m) == p0 + 2,
	    "the nested statement closed, the kept one used again");
	/* an execution error: the statement is dropped, the next use works */
	STMT_CHECK(db_query(m, &e, "SELECT ? REGEXP ?", "ss", "a", "(") == NULL,
	    "bad pattern refused");
	STMT_CHECK(
	    db_fetch_int(db_query(m, &e, "SELECT ? REGEXP ?", "ss", "a", "a"),
	        &r, &e) == 1 &&
	        r == 1,
	    "same statement after its error");
	STMT_CHECK(prepares(m) == p0 + 4, "prepared again after its error");
	/* a new connection never gets a statement of the closed one, even at
	 * the same address */
	db_close(m);
	if ((m = db_connect(&pe, &e)) == NULL) {
		fprintf(stderr, "cast-db: %s\n", e.msg);
		return 2;
	}
	p0 = prepares(m);
	STMT_CHECK(plus_one(m, 41) == 42 && prepares(m) == p0 + 1,
	    "new connection prepares afresh");
	/* a statement still held when its connection closes: its holder
	 * closes it (a double close would show under the sanitizers) */
	s1 = db_query(m, &e, "SELECT ? + 1", "u", 1u);
	STMT_CHECK(s1 != NULL, "statement held over db_close");
	db_close(m);
	db_done(s1);
	if (fails == 0)
		printf("ok\n");
	return fails != 0;
}

/* The ballot INSERT as the cast sends it (bulk), then the same with
 * db_run as a control, in a transaction rolled back: nothing stays. The
 * bodies carry markers the caller looks for in the general log. */
static int
bulkcheck(void)
{
	unsigned char ta[CAST_TRACKER_LEN], tb[CAST_TRACKER_LEN], body[600], got[600];
	unsigned long gl = 0;
	MYSQL_BIND out[1];
	MYSQL_STMT *q;
	struct err e;
	MYSQL *m;
	int fails = 0;

	if ((m = db_connect(&pu, &e)) == NULL) {
		fprintf(stderr, "cast-db: %s\n", e.msg);
		return 2;
	}
	SHA256((const unsigned char *)"bulk-a", 6, ta);
	SHA256((const unsigned char *)"bulk-b", 6, tb);
	memcpy(body, "ISOLOIR-BULK-CHECK", 18);
	for (size_t i = 18; i < sizeof(body); i++)
		body[i] = (unsigned char)(i * 7); /* every byte value, quotes, NUL */
	STMT_CHECK(db_exec(m, "START TRANSACTION", &e) == 0, "start");
	STMT_CHECK(db_run_bulk(m, &e, "INSERT INTO ballot (tracker, scrutin_id, sub_urn, body)"
	    " VALUES (?, ?, ?, ?)", "buub", ta, sizeof(ta), 999999u, 0u, body, sizeof(body)) == 1,
	    "bulk insert, one row");
	q = db_query(m, &e, "SELECT body FROM ballot WHERE tracker = ?", "b", ta, sizeof(ta));
	STMT_CHECK(q != NULL, "read back");
	if (q != NULL) {
		db_bind(&out[0], MYSQL_TYPE_BLOB, got, sizeof(got), &gl);
		STMT_CHECK(mysql_stmt_bind_result(q, out) == 0 && mysql_stmt_fetch(q) == 0 &&
		    gl == sizeof(body) && memcmp(got, body, sizeof(body)) == 0,
		    "stored byte for byte");
		db_done(q);
	}
	STMT_CHECK(db_run_bulk(m, &e, "INSERT INTO ballot (tracker, scrutin_id, sub_urn, body)"
	    " VALUES (?, ?, ?, ?)", "buub", ta, sizeof(ta), 999999u, 0u, body, sizeof(body)) == -1 &&
	    e.code == ER_DUP_ENTRY, "bulk duplicate refused as a duplicate");
	memcpy(body, "ISOLOIR-PLAIN-CHECK", 19);
	STMT_CHECK(db_run(m, &e, "INSERT INTO ballot (tracker, scrutin_id, sub_urn, body)"
	    " VALUES (?, ?, ?, ?)", "buub", tb, sizeof(tb), 999999u, 0u, body, sizeof(body)) == 1,
	    "plain insert (control)");
	STMT_CHECK(db_exec(m, "ROLLBACK", &e) == 0, "rollback");
	db_close(m);
	if (fails == 0)
		printf("ok\n");
	return fails != 0;
}

/* 'commit' decision rows in the urn ('abort' rows stay), or -1. */
static long long
decision_rows(MYSQL *urn)
{
	long long n = -1;
	MYSQL_BIND out[1];
	MYSQL_STMT *q;
	struct err e;

	if ((q = db_query(urn, &e, "SELECT COUNT(*) FROM cast_decision WHERE decision = 'commit'", "")) == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_LONGLONG, &n, 0, NULL);
	if (mysql_stmt_bind_result(q, out) != 0 || mysql_stmt_fetch(q) != 0)
		n = -1;
	db_done(q);
	return n;
}

/* Casts of several electors through one connection pair and its
 * struct cast_conn, as one worker thread makes them (lib/cast.c: each
 * cast's decision row becomes the next one's). */
static int
chain(unsigned scrutin, int clean, char **electors, int n)
{
	struct cast_conn cc = { { 0 }, 0 };
	struct cast_recovery st;
	struct cast_ballot b;
	struct cast_result r;
	struct err e;
	MYSQL *el = db_connect(&pe, &e), *urn = el == NULL ? NULL : db_connect(&pu, &e);
	int rc = 1;

	if (urn == NULL) {
		fprintf(stderr, "connect: %s\n", e.msg);
		goto out;
	}
	for (int i = 0; i < n; i++) {
		char seed[64];
		snprintf(seed, sizeof(seed), "chain-%u-%s", scrutin, electors[i]);
		SHA256((const unsigned char *)seed, strlen(seed), b.tracker);
		b.scrutin_id = scrutin;
		b.body = seed;
		b.body_len = strlen(seed);
		b.points = NULL;
		b.points_len = 0;
		b.expect = NULL;
		if (cast_record(el, urn, key, &cc, (unsigned)atoi(electors[i]), &b, &r, &e) == -1) {
			fprintf(stderr, "cast: %s\n", e.msg);
			goto out;
		}
		printf("%s:%lld ", names[r.outcome], decision_rows(urn));
		fflush(stdout);
		/* a recovery pass in between (what a worker's restart or the
		 * console runs): rows of finished casts are deleted */
		if (clean && cast_recover(el, urn, key, 3600, &st, &e) == -1) {
			fprintf(stderr, "recover: %s\n", e.msg);
			goto out;
		}
	}
	cast_conn_flush(urn, &cc);
	printf("flushed:%lld\n", decision_rows(urn));
	rc = 0;
out:
	db_close(el);
	db_close(urn);
	return rc;
}

int
main(int argc, char **argv)
{
	struct conf *c;
	struct err e;
	int rc = 2;

	if (argc < 3 || (c = conf_load(argv[1], &e)) == NULL) {
		fprintf(stderr, "usage: cast-db CONF cast|parallel|recover ...\n");
		return 2;
	}
	mysql_library_init(0, NULL, NULL);
	if (db_params_from_conf(c, "electors_db", &pe, &e) == -1 ||
	    db_params_from_conf(c, "urn_db", &pu, &e) == -1 ||
	    cast_key_load(c, key, &e) == -1)
		fprintf(stderr, "cast-db: %s\n", e.msg);
	else if (strcmp(argv[2], "cast") == 0 && argc == 6)
		rc = single((unsigned)atoi(argv[3]), (unsigned)atoi(argv[4]), argv[5], NULL);
	else if (strcmp(argv[2], "expect") == 0 && argc == 7)
		rc = single((unsigned)atoi(argv[3]), (unsigned)atoi(argv[4]), argv[5], argv[6]);
	else if (strcmp(argv[2], "parallel") == 0 && argc == 6)
		rc = parallel((unsigned)atoi(argv[3]), (unsigned)atoi(argv[4]),
		    atoi(argv[5]) > 256 ? 256 : atoi(argv[5]));
	else if (strcmp(argv[2], "recover") == 0 && argc >= 4)
		rc = recover((unsigned)atoi(argv[3]));
	else if (strcmp(argv[2], "chain") == 0 && argc >= 6)
		rc = chain((unsigned)atoi(argv[3]), atoi(argv[4]), argv + 5, argc - 5);
	else if (strcmp(argv[2], "stmtcache") == 0)
		rc = stmtcache();
	else if (strcmp(argv[2], "bulk") == 0)
		rc = bulkcheck();
	else
		fprintf(stderr, "cast-db: unknown command\n");
	conf_free(c);
	mysql_library_end();
	return rc;
}
