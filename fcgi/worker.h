/* worker.h: the FastCGI worker's request context and handler table.
 * Handlers only parse/format HTTP; every rule lives in lib/. */
#ifndef ISOLOIR_WORKER_H
#define ISOLOIR_WORKER_H

#include <fcgiapp.h>
#include <jansson.h>
#include <mysql.h>
#include <openssl/evp.h>

#include "buf.h"
#include "cast.h"
#include "castcache.h"
#include "conf.h"
#include "db.h"
#include "jtree.h"
#include "login.h"
#include "session.h"

/* Process-wide settings, read once at start and then read-only. */
struct worker_conf {
	struct conf *conf;
	struct db_params electors;
	struct db_params urn;
	long max_body;
	unsigned char session_key[SESSION_KEY_LEN];
	unsigned char cast_key[CAST_KEY_LEN]; /* [web] cast_key (lib/cast.h) */
	struct session_limits limits;
	struct login_policy login;
	const char *operation;   /* [web] operation code, or NULL: the first */
	const char *hotline;     /* [web] hotline, shown to electors */
	EVP_PKEY *receipt_key;   /* [web] receipt_key: signs receipts */
	long burst_casts;        /* [web] burst_casts: alert threshold (50) */
	struct burst_pending *burst; /* casts per address not yet written
	                              * (lib/burst.h), shared by the threads */
	struct vcombine *vc;         /* the threads' ballots checked together
	                              * (lib/vcombine.h) */
};

/* Per-thread state: one FastCGI request and one connection per database,
 * reopened lazily after a failure. */
struct worker_thread {
	const struct worker_conf *wc;
	FCGX_Request fcgi;
	MYSQL *electors;
	MYSQL *urn;
	int electors_checked; /* pinged or connected in this request (dbconn.c) */
	int urn_checked;
	struct cast_conn cast; /* its last cast's decision row (lib/cast.h) */
	/* What its casts are checked against, kept between requests and
	 * emptied with each new electors connection (lib/castcache.h) */
	struct castcache cache;
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
	char set_cookie[SESSION_TOKEN_MAX + 128]; /* header value, or "" */
};

typedef void (*handler_fn)(struct req *r);

/* request.c */
int req_read(struct worker_thread *t, struct req *r);
void req_free(struct req *r);
void resp_json(struct req *r, int status, json_t *body);
void resp_text(struct req *r, int status, const char *type, const char *body);
void resp_error(struct req *r, int status, const char *message_fr);
/* A 200 with a binary body; headers: more header lines, each ending in
 * "\r\n" (Content-Disposition, Cache-Control...). */
void resp_bytes(struct req *r, const char *type, const char *headers, const void *body,
    size_t len);
/* scrutin=N in the query string; 0 when absent or malformed. */
unsigned req_query_scrutin(const char *q);

/* auth.c: the session cookie and CSRF header */
/* 0 with s filled when the request carries a valid session; -1 otherwise. */
int auth_session(struct req *r, struct session *s);
/* Issue (or refresh) the session cookie on this response. */
void auth_set_cookie(struct req *r, const struct session *s);
void auth_clear_cookie(struct req *r);
/* 1 when the X-CSRF-Token header matches the session. */
int auth_csrf_ok(struct req *r, const struct session *s);
/* The logged-in elector's session, checked against the current credential
 * generation; on failure the response (401) is already written. */
int auth_elector(struct req *r, struct session *s);
/* The same for an observer's session (R-AUTH-7), checked against
 * revocation on every request (api_observer.c). */
int auth_observer(struct req *r, struct session *s);

/* A JSON object body (Content-Type application/json); on failure the 400/415
 * response is written and NULL returned. */
json_t *req_json_body(struct req *r);
/* The same read in place with lib/jtree.c (the cast's body: r->body is
 * decoded inside, t points into it): same acceptance, same responses. */
int req_jt_body(struct req *r, struct jtree *t);
const char *req_header(struct req *r, const char *name);

/* route.c */
void route_dispatch(struct req *r);

/* dbconn.c */
MYSQL *dbconn_electors(struct worker_thread *t);
MYSQL *dbconn_urn(struct worker_thread *t);
/* Write the casts counted per address (R-AUTH-5) with this thread's
 * electors connection. */
void worker_burst_flush(struct worker_thread *t);
/* A new request: the next use of each connection checks it first. */
void dbconn_new_request(struct worker_thread *t);
void dbconn_close(struct worker_thread *t);

/* handlers */
void healthz_handle(struct req *r);
void api_session(struct req *r);
void api_login(struct req *r);
void api_logout(struct req *r);
void api_elector(struct req *r);
void api_own_data(struct req *r);
void api_lists(struct req *r);
void api_operation(struct req *r);
void api_ballot(struct req *r);
void api_vote(struct req *r);
void board_page(struct req *r);
void api_receipt_again(struct req *r);
void api_listfile(struct req *r);
void api_receipt_pdf(struct req *r);
void api_receipt_mail(struct req *r);
void api_password_recovery(struct req *r);
void api_observer_login(struct req *r);
void api_observer_turnout(struct req *r);

#endif
