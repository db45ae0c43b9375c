/* db.h: MariaDB Connector/C helpers shared by the worker and the console:
 * connection parameters from isoloir.conf, connect with sane options,
 * schema version. Prepared statements are used for every query with data. */
#ifndef ISOLOIR_DB_H
#define ISOLOIR_DB_H

#include <mysql.h>

#include "conf.h"
#include "err.h"

struct db_params {
	const char *name;     /* "electors" or "urn", for messages */
	const char *socket;   /* unix socket path, or NULL for TCP */
	const char *host;     /* loopback address when no socket */
	unsigned port;
	const char *user;
	const char *password;
	const char *database;
	unsigned timeout_s;   /* connect/read/write timeout */
	unsigned read_s;      /* read timeout when longer (0: timeout_s) */
};

/* Read [<section>] socket/host/port/user/password/database/timeout. The
 * strings point into c, which must outlive the params. */
int db_params_from_conf(const struct conf *c, const char *section,
    struct db_params *p, struct err *e);
/* Connect (utf8mb4, autocommit on); NULL with e filled on failure. */
MYSQL *db_connect(const struct db_params *p, struct err *e);
/* Highest applied migration number from schema_version. */
int db_schema_version(MYSQL *m, int *version, struct err *e);
/* Run a statement without parameters (BEGIN, COMMIT, SET ...). */
int db_exec(MYSQL *m, const char *sql, struct err *e);
/* On failure, e->code holds the server's error number (e.g. ER_DUP_ENTRY).
 * Run a prepared statement with parameters described by types, one letter
 * per '?': 'u' unsigned int, 'U' uint64_t, 'i' int, 's' const char *
 * (NUL-terminated), 'b' const void * then size_t (binary). Returns the
 * number of affected rows, or -1 with e filled. */
long long db_run(MYSQL *m, struct err *e, const char *sql, const char *types, ...);
/* db_run sent as a one-row bulk execution (COM_STMT_BULK_EXECUTE), for a
 * statement with large binary parameters (the cast's ballot): with the
 * binary log on, MariaDB rebuilds every prepared INSERT's text with its
 * parameters escaped for its logs (~0.8 ms of server CPU for a 53 kB
 * ballot, docs/performance.md), but not a bulk one, whose rows are logged
 * as rows. Same result and errors as db_run. */
long long db_run_bulk(MYSQL *m, struct err *e, const char *sql, const char *types, ...);
/* Prepare and execute a statement with parameters as in db_run; the caller
 * binds results, fetches and gives it back with db_done() (never
 * mysql_stmt_close: the statement is kept prepared on its connection until
 * db_close). NULL with e filled on error. */
MYSQL_STMT *db_query(MYSQL *m, struct err *e, const char *sql,
    const char *types, ...);
/* The one integer of the first row of an executed query (db_query), the
 * statement closed: 1 a row, 0 no row, -1 an error (st NULL: the error
 * db_query set is kept). */
int db_fetch_int(MYSQL_STMT *st, long long *v, struct err *e);
/* Fill one MYSQL_BIND (zeroed first) for a result or parameter. */
void db_bind(MYSQL_BIND *b, enum enum_field_types t, void *p,
    unsigned long len, unsigned long *outlen);
/* NUL-terminate a string result of reported length len in a buffer of cap
 * bytes (bound with cap - 1), clamping when the value was truncated. */
void db_cstr(char *buf, size_t cap, unsigned long len);
/* Give back a statement from db_query (kept for the next use on its
 * connection), or close one of the caller's own; NULL is ignored. */
void db_done(MYSQL_STMT *st);
/* Close a connection and the statements kept for it. */
void db_close(MYSQL *m);

#endif
