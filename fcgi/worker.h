/* worker.h: the FastCGI worker's request context and handler table.
 * Handlers only parse/format HTTP; every rule lives in lib/. */
#ifndef ISOLOIR_WORKER_H
#define ISOLOIR_WORKER_H

#include <fcgiapp.h>
#include <jansson.h>
#include <mysql.h>

#include "buf.h"
#include "conf.h"
#include "db.h"

/* Process-wide settings, read once at start and then read-only. */
struct worker_conf {
	struct conf *conf;
	struct db_params electors;
	struct db_params urn;
	long max_body;
};

/* Per-thread state: one FastCGI request and one connection per database,
 * reopened lazily after a failure. */
struct worker_thread {
	const struct worker_conf *wc;
	FCGX_Request fcgi;
	MYSQL *electors;
	MYSQL *urn;
	char electors_why[ERR_MSG_MAX];
	char urn_why[ERR_MSG_MAX];
};

/* One decoded request. */
struct req {
	struct worker_thread *t;
	const char *method;
	const char *path;      /* without the query string */
	const char *query;
	char *body;            /* NUL-terminated, body_len bytes */
	size_t body_len;
};

typedef void (*handler_fn)(struct req *r);

/* request.c */
int req_read(struct worker_thread *t, struct req *r);
void req_free(struct req *r);
void resp_json(struct req *r, int status, json_t *body);
void resp_text(struct req *r, int status, const char *type, const char *body);
void resp_error(struct req *r, int status, const char *message_fr);

/* route.c */
void route_dispatch(struct req *r);

/* dbconn.c */
MYSQL *dbconn_electors(struct worker_thread *t);
MYSQL *dbconn_urn(struct worker_thread *t);
void dbconn_close(struct worker_thread *t);

/* handlers */
void healthz_handle(struct req *r);

#endif
