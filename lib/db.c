/* db.c: MariaDB Connector/C helpers. */
#include "config.h"

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
};

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

static MYSQL_STMT *
db_vquery(MYSQL *m, struct err *e, const char *sql, const char *types, va_list ap)
{
	MYSQL_STMT *st;
	struct db_args a;

	if (db_gone(m, e))
		return NULL;
	if ((st = mysql_stmt_init(m)) == NULL) {
		err_set(e, "requête impossible (%s)", mysql_error(m));
		return NULL;
	}
	if (db_args_fill(&a, types, ap, e) == -1)
		goto fail;
	if (mysql_stmt_prepare(st, sql, strlen(sql)) != 0 ||
	    (types[0] != '\0' && mysql_stmt_bind_param(st, a.bind) != 0) ||
	    mysql_stmt_execute(st) != 0) {
		err_set(e, "requête refusée (%s)", mysql_stmt_error(st));
		if (e != NULL)
			e->code = (int)mysql_stmt_errno(st);
		goto fail;
	}
	return st;
fail:
	mysql_stmt_close(st);
	return NULL;
}

MYSQL_STMT *
db_query(MYSQL *m, struct err *e, const char *sql, const char *types, ...)
{
	MYSQL_STMT *st;
	va_list ap;

	va_start(ap, types);
	st = db_vquery(m, e, sql, types, ap);
	va_end(ap);
	return st;
}

long long
db_run(MYSQL *m, struct err *e, const char *sql, const char *types, ...)
{
	MYSQL_STMT *st;
	long long n;
	va_list ap;

	va_start(ap, types);
	st = db_vquery(m, e, sql, types, ap);
	va_end(ap);
	if (st == NULL)
		return -1;
	n = (long long)mysql_stmt_affected_rows(st);
	mysql_stmt_close(st);
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
	mysql_stmt_close(st);
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
	if (m != NULL)
		mysql_close(m);
}
