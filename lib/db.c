/* db.c: MariaDB Connector/C helpers. */
#include "config.h"

#include <pthread.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <errmsg.h>

#include "db.h"

int
db_params_from_conf(const struct conf *c, const char *section,
    struct db_params *p, struct err *e)
{
	long port, timeout;

	memset(p, 0, sizeof(*p));
	p->name = section;
	p->socket = conf_get(c, section, "socket");
	p->host = conf_get_def(c, section, "host", "127.0.0.1");
	if (conf_get_int(c, section, "port", 0, 0, 65535, &port, e) == -1 ||
	    conf_get_int(c, section, "timeout", 10, 1, 600, &timeout, e) == -1)
		return -1;
	p->port = (unsigned)port;
	p->timeout_s = (unsigned)timeout;
	if (conf_need(c, section, "user", &p->user, e) == -1 ||
	    conf_need(c, section, "database", &p->database, e) == -1)
		return -1;
	p->password = conf_get_def(c, section, "password", "");
	if (p->socket == NULL && p->port == 0)
		return err_set(e, "configuration : [%s] socket ou port requis", section);
	return 0;
}

MYSQL *
db_connect(const struct db_params *p, struct err *e)
{
	unsigned proto = p->socket != NULL ? MYSQL_PROTOCOL_SOCKET : MYSQL_PROTOCOL_TCP;
	MYSQL *m = mysql_init(NULL);

	if (m == NULL) {
		err_set(e, "base %s : mysql_init a échoué", p->name);
		return NULL;
	}
	mysql_options(m, MYSQL_OPT_PROTOCOL, &proto);
	mysql_options(m, MYSQL_OPT_CONNECT_TIMEOUT, &p->timeout_s);
	mysql_options(m, MYSQL_OPT_READ_TIMEOUT, p->read_s > p->timeout_s ? &p->read_s : &p->timeout_s);
	mysql_options(m, MYSQL_OPT_WRITE_TIMEOUT, &p->timeout_s);
	mysql_options(m, MYSQL_SET_CHARSET_NAME, "utf8mb4");
	/* Fail fast behind a row lock (e.g. an émargement being cast) rather
	 * than outlive the client's read timeout. */
	mysql_options(m, MYSQL_INIT_COMMAND, "SET SESSION innodb_lock_wait_timeout = 5");
	/* Connector/C uses TCP for any host but "localhost". */
	if (mysql_real_connect(m, p->socket != NULL ? "localhost" : p->host, p->user, p->password, p->database,
	    p->port, p->socket, 0) == NULL) {
		err_set(e, "base %s : connexion impossible (%s)", p->name, mysql_error(m));
		mysql_close(m);
		return NULL;
	}
	return m;
}

/* A connection that could not be made again (the worker's dbconn_* give
 * NULL after a crash or a failover) fails as a lost server would, before
 * the client library is handed a NULL handle. 1 when gone. */
static int
db_gone(MYSQL *m, struct err *e)
{
	if (m != NULL)
		return 0;
	err_set(e, "base indisponible (connexion perdue)");
	if (e != NULL)
		e->code = CR_SERVER_GONE_ERROR;
	return 1;
}

int
db_exec(MYSQL *m, const char *sql, struct err *e)
{
	if (db_gone(m, e))
		return -1;
	if (mysql_query(m, sql) != 0) {
		err_set(e, "requête refusée (%s)", mysql_error(m));
		if (e != NULL)
			e->code = (int)mysql_errno(m);
		return -1;
	}
	return 0;
}

int
db_schema_version(MYSQL *m, int *version, struct err *e)
{
	MYSQL_RES *res;
	MYSQL_ROW row;
	int rc = -1;

	if (mysql_query(m, "SELECT COALESCE(MAX(version), 0) FROM schema_version") != 0)
		return err_set(e, "version du schéma illisible (%s)", mysql_error(m));
	if ((res = mysql_store_result(m)) == NULL)
		return err_set(e, "version du schéma illisible (%s)", mysql_error(m));
	if ((row = mysql_fetch_row(res)) == NULL || row[0] == NULL) {
		err_set(e, "version du schéma absente");
		goto out;
	}
	*version = atoi(row[0]);
	rc = 0;
out:
	mysql_free_result(res);
	return rc;
}

void
db_bind(MYSQL_BIND *b, enum enum_field_types t, void *p, unsigned long len,
    unsigned long *outlen)
{
	memset(b, 0, sizeof(*b));
	b->buffer_type = t;
	b->buffer = p;
	b->buffer_length = len;
	b->length = outlen;
	b->is_unsigned = 1;
}

#define DB_MAX_PARAMS 32

/* Storage for the values of one statement's parameters. */
struct db_args {
	MYSQL_BIND bind[DB_MAX_PARAMS];
	union {
		unsigned u;
		int i;
		uint64_t U;
	} v[DB_MAX_PARAMS];
	unsigned long len[DB_MAX_PARAMS];
	void *ptr[DB_MAX_PARAMS]; /* db_args_bulk */
};

/* The same values as a one-row array (COM_STMT_BULK_EXECUTE): a string or
 * blob is then given as an array of pointers, each value as an array of
 * one. */
static void
db_args_bulk(struct db_args *a, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		MYSQL_BIND *b = &a->bind[k];
		if (b->buffer_type == MYSQL_TYPE_STRING || b->buffer_type == MYSQL_TYPE_BLOB) {
			a->ptr[k] = b->buffer;
			b->buffer = &a->ptr[k];
		}
	}
}

static int
db_args_fill(struct db_args *a, const char *types, va_list ap, struct err *e)
{
	size_t n = strlen(types);

	if (n > DB_MAX_PARAMS)
		return err_set(e, "trop de paramètres SQL");
	memset(a, 0, sizeof(*a));
	for (size_t k = 0; k < n; k++) {
		MYSQL_BIND *b = &a->bind[k];
		switch (types[k]) {
		case 'u':
			a->v[k].u = va_arg(ap, unsigned);
			db_bind(b, MYSQL_TYPE_LONG, &a->v[k].u, 0, NULL);
			break;
		case 'i':
			a->v[k].i = va_arg(ap, int);
			db_bind(b, MYSQL_TYPE_LONG, &a->v[k].i, 0, NULL);
			b->is_unsigned = 0;
			break;
		case 'U':
			a->v[k].U = va_arg(ap, uint64_t);
			db_bind(b, MYSQL_TYPE_LONGLONG, &a->v[k].U, 0, NULL);
			break;
		case 's': {
			const char *s = va_arg(ap, const char *);
			a->len[k] = strlen(s);
			db_bind(b, MYSQL_TYPE_STRING, (void *)s, a->len[k], &a->len[k]);
			break;
		}
		case 'b': {
			const void *p = va_arg(ap, const void *);
			a->len[k] = va_arg(ap, size_t);
			db_bind(b, MYSQL_TYPE_BLOB, (void *)p, a->len[k], &a->len[k]);
			break;
		}
		default:
			return err_set(e, "type de paramètre SQL inconnu « %c »", types[k]);
		}
	}
	return 0;
}

/* ------------------------------------------------ prepared statement cache
 *
 * A statement is prepared once per connection and kept: each later use is
 * one round trip (execute) instead of three (prepare, execute, close), and
 * the server parses it once. Entries are keyed by (connection, SQL text)
 * and live until db_close() closes that connection, which is the only way
 * the code base closes one: a connection made again after a failure is a
 * new MYSQL and starts empty, so a statement of a lost connection is never
 * executed on another (the MYSQL address of a closed connection may be
 * reused, but its entries went with db_close()). The table is shared by
 * the threads under a mutex; a thread only ever closes statements of the
 * connection it is using (a connection is used by one thread at a time). */

/* Statements kept per connection (least recently used dropped first): the
 * worker's hot path uses ~15 per connection, the console more but rarely. */
#define DB_CACHE_PER_CONN 48

struct db_cached {
	MYSQL *m;
	char *sql;
	MYSQL_STMT *st;
	int busy; /* handed out, not yet given back by db_done() */
	unsigned long long used; /* for the least recently used choice */
};

static pthread_mutex_t db_cache_mu = PTHREAD_MUTEX_INITIALIZER;
static struct db_cached *db_cache;
static size_t db_ncache, db_capcache;
static unsigned long long db_cache_clock;

/* A kept statement for (m, sql), marked busy, or NULL. A busy one (the same
 * query nested in a loop over its own results) is not shared: the caller
 * prepares a statement of its own. */
static MYSQL_STMT *
db_cache_take(MYSQL *m, const char *sql)
{
	MYSQL_STMT *st = NULL;

	pthread_mutex_lock(&db_cache_mu);
	for (size_t i = 0; i < db_ncache; i++) {
		struct db_cached *c = &db_cache[i];
		if (c->m == m && !c->busy && strcmp(c->sql, sql) == 0) {
			c->busy = 1;
			c->used = ++db_cache_clock;
			st = c->st;
			break;
		}
	}
	pthread_mutex_unlock(&db_cache_mu);
	return st;
}

/* Remove entry i (the mutex held); its statement is the caller's. */
static MYSQL_STMT *
db_cache_remove(size_t i)
{
	MYSQL_STMT *st = db_cache[i].st;

	free(db_cache[i].sql);
	db_cache[i] = db_cache[--db_ncache];
	return st;
}

/* Keep a freshly prepared statement, busy. Returns a statement of the same
 * connection to close (the least recently used one when the connection
 * keeps too many), or NULL. When memory is short, *kept is 0 and st is
 * simply not kept. */
static MYSQL_STMT *
db_cache_put(MYSQL *m, const char *sql, MYSQL_STMT *st, int *kept)
{
	MYSQL_STMT *evict = NULL;
	size_t n = 0, lru = SIZE_MAX;
	char *copy = strdup(sql);

	*kept = 0;
	if (copy == NULL)
		return NULL;
	pthread_mutex_lock(&db_cache_mu);
	for (size_t i = 0; i < db_ncache; i++) {
		if (db_cache[i].m != m)
			continue;
		n++;
		if (!db_cache[i].busy &&
		    (lru == SIZE_MAX || db_cache[i].used < db_cache[lru].used))
			lru = i;
	}
	if (n >= DB_CACHE_PER_CONN && lru != SIZE_MAX)
		evict = db_cache_remove(lru);
	if (db_ncache == db_capcache) {
		size_t cap = db_capcache ? db_capcache * 2 : 64;
		struct db_cached *c = realloc(db_cache, cap * sizeof(*c));
		if (c == NULL)
			goto out;
		db_cache = c;
		db_capcache = cap;
	}
	db_cache[db_ncache++] =
	    (struct db_cached){m, copy, st, 1, ++db_cache_clock};
	copy = NULL;
	*kept = 1;
out:
	pthread_mutex_unlock(&db_cache_mu);
	free(copy);
	return evict;
}

/* Forget st if it is kept; 1 when it was (the caller closes it). */
static int
db_cache_forget(MYSQL_STMT *st)
{
	int found = 0;

	pthread_mutex_lock(&db_cache_mu);
	for (size_t i = 0; i < db_ncache; i++)
		if (db_cache[i].st == st) {
			db_cache_remove(i);
			found = 1;
			break;
		}
	pthread_mutex_unlock(&db_cache_mu);
	return found;
}

void
db_done(MYSQL_STMT *st)
{
	int kept = 0;

	if (st == NULL)
		return;
	pthread_mutex_lock(&db_cache_mu);
	for (size_t i = 0; i < db_ncache; i++)
		if (db_cache[i].st == st) {
			kept = 1;
			break;
		}
	pthread_mutex_unlock(&db_cache_mu);
	if (!kept) {
		mysql_stmt_close(st);
		return;
	}
	/* Local only: drops a stored result or reads the rest of an unbuffered
	 * one off the socket; no round trip. */
	mysql_stmt_free_result(st);
	pthread_mutex_lock(&db_cache_mu);
	for (size_t i = 0; i < db_ncache; i++)
		if (db_cache[i].st == st) {
			db_cache[i].busy = 0;
			break;
		}
	pthread_mutex_unlock(&db_cache_mu);
}

/* Drop every statement kept for m, before m itself goes: closed, except
 * one still handed out (its holder's db_done() closes it, detached from
 * the closed connection, as mysql_stmt_close always allowed). */
static void
db_cache_drop(MYSQL *m)
{
	for (;;) {
		MYSQL_STMT *st = NULL;
		int busy = 0;

		pthread_mutex_lock(&db_cache_mu);
		for (size_t i = 0; i < db_ncache; i++)
			if (db_cache[i].m == m) {
				busy = db_cache[i].busy;
				st = db_cache_remove(i);
				break;
			}
		pthread_mutex_unlock(&db_cache_mu);
		if (st == NULL)
			return;
		if (!busy)
			mysql_stmt_close(st);
	}
}

/* A MariaDB server that executes bulk statements (10.2 and later). */
static int
db_bulk_supported(MYSQL *m)
{
	unsigned long caps = 0, ext = 0;

	if (mariadb_get_infov(m, MARIADB_CONNECTION_SERVER_CAPABILITIES, &caps) != 0 ||
	    mariadb_get_infov(m, MARIADB_CONNECTION_EXTENDED_SERVER_CAPABILITIES, &ext) != 0)
		return 0;
	return !(caps & CLIENT_MYSQL) && (ext & (MARIADB_CLIENT_STMT_BULK_OPERATIONS >> 32));
}

static MYSQL_STMT *
db_vquery(MYSQL *m, struct err *e, int bulk, const char *sql, const char *types,
    va_list ap)
{
	MYSQL_STMT *st, *evict;
	struct db_args a;
	unsigned int one = 1;
	int kept = 0;

	if (db_gone(m, e))
		return NULL;
	if (db_args_fill(&a, types, ap, e) == -1)
		return NULL;
	if ((st = db_cache_take(m, sql)) != NULL) {
		kept = 1;
	} else {
		if ((st = mysql_stmt_init(m)) == NULL) {
			err_set(e, "requête impossible (%s)", mysql_error(m));
			return NULL;
		}
		if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0)
			goto fail;
		evict = db_cache_put(m, sql, st, &kept);
		if (evict != NULL)
			mysql_stmt_close(evict);
	}
	/* Only this SQL text is ever run in bulk, so a kept statement keeps
	 * its array size; a server without bulk operations gets the usual
	 * execution (same result, more server work). */
	if (bulk && types[0] != '\0' && db_bulk_supported(m)) {
		if (mysql_stmt_attr_set(st, STMT_ATTR_ARRAY_SIZE, &one) != 0)
			goto fail;
		db_args_bulk(&a, strlen(types));
	}
	if ((types[0] != '\0' && mysql_stmt_bind_param(st, a.bind) != 0) ||
	    mysql_stmt_execute(st) != 0)
		goto fail;
	return st;
fail:
	err_set(e, "requête refusée (%s)", mysql_stmt_error(st));
	if (e != NULL)
		e->code = (int)mysql_stmt_errno(st);
	/* A statement that failed is not kept: after a lost connection or a
	 * statement the server no longer knows, it would fail again. */
	if (kept)
		db_cache_forget(st);
	mysql_stmt_close(st);
	return NULL;
}

MYSQL_STMT *
db_query(MYSQL *m, struct err *e, const char *sql, const char *types, ...)
{
	MYSQL_STMT *st;
	va_list ap;

	va_start(ap, types);
	st = db_vquery(m, e, 0, sql, types, ap);
	va_end(ap);
	return st;
}

static long long
db_vrun(MYSQL *m, struct err *e, int bulk, const char *sql, const char *types, va_list ap)
{
	MYSQL_STMT *st = db_vquery(m, e, bulk, sql, types, ap);
	long long n;

	if (st == NULL)
		return -1;
	n = (long long)mysql_stmt_affected_rows(st);
	db_done(st);
	return n;
}

long long
db_run(MYSQL *m, struct err *e, const char *sql, const char *types, ...)
{
	long long n;
	va_list ap;

	va_start(ap, types);
	n = db_vrun(m, e, 0, sql, types, ap);
	va_end(ap);
	return n;
}

long long
db_run_bulk(MYSQL *m, struct err *e, const char *sql, const char *types, ...)
{
	long long n;
	va_list ap;

	va_start(ap, types);
	n = db_vrun(m, e, 1, sql, types, ap);
	va_end(ap);
	return n;
}

int
db_fetch_int(MYSQL_STMT *st, long long *v, struct err *e)
{
	MYSQL_BIND out[1];
	int f;

	if (st == NULL)
		return -1;
	*v = 0;
	db_bind(&out[0], MYSQL_TYPE_LONGLONG, v, 0, NULL);
	f = mysql_stmt_bind_result(st, out) == 0 ? mysql_stmt_fetch(st) : 1;
	if (f != 0 && f != MYSQL_NO_DATA)
		err_set(e, "lecture impossible (%s)", mysql_stmt_error(st));
	db_done(st);
	return f == 0 ? 1 : f == MYSQL_NO_DATA ? 0 : -1;
}

void
db_cstr(char *buf, size_t cap, unsigned long len)
{
	buf[len < cap ? len : cap - 1] = '\0';
}

void
db_close(MYSQL *m)
{
	if (m == NULL)
		return;
	db_cache_drop(m);
	mysql_close(m);
}
