/* clock.c: one tick of the election's clock (clock.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "clock.h"
#include "db.h"
#include "journal.h"
#include "seal.h"
#include "xmalloc.h"

/* A scrutin whose time has come, read before any transition (they use
 * the same connection). */
struct due {
	unsigned id;
	enum lc_state to;
};

static int
due_scrutins(MYSQL *el, struct due **out, size_t *n, struct err *e)
{
	char state[33];
	unsigned long len = 0;
	unsigned id = 0;
	long long auto_open = 0;
	MYSQL_BIND b[3];
	MYSQL_STMT *st;
	int f, rc = -1;

	*out = NULL;
	*n = 0;
	st = db_query(el, e, "SELECT s.id, s.state,"
	    " COALESCE(JSON_EXTRACT(o.settings, '$.ouverture_automatique') = TRUE, 0)"
	    " FROM scrutin s JOIN operation o ON o.id = s.operation_id"
	    " WHERE (s.state = 'sealed' AND o.opens_at <= UTC_TIMESTAMP()) OR (s.state = 'open' AND"
	    " o.closes_at + INTERVAL o.grace_seconds SECOND <= UTC_TIMESTAMP()) ORDER BY s.id", "");
	if (st == NULL)
		return -1;
	db_bind(&b[0], MYSQL_TYPE_LONG, &id, 0, NULL);
	db_bind(&b[1], MYSQL_TYPE_STRING, state, sizeof(state) - 1, &len);
	db_bind(&b[2], MYSQL_TYPE_LONGLONG, &auto_open, 0, NULL);
	if (mysql_stmt_bind_result(st, b) != 0) {
		err_set(e, "base des électeurs : %s", mysql_stmt_error(st));
		goto out;
	}
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		db_cstr(state, sizeof(state), len);
		/* a sealed scrutin opens by itself only when the operation says so */
		if (strcmp(state, "sealed") == 0 && !auto_open)
			continue;
		*out = xreallocarray(*out, *n + 1, sizeof(**out));
		(*out)[*n].id = id;
		(*out)[(*n)++].to = strcmp(state, "sealed") == 0 ? LC_OPEN : LC_CLOSED;
	}
	rc = 0;
out:
	db_done(st);
	return rc;
}

/* The seals of the scrutins in vote. */
static int
check_seals(MYSQL *el, MYSQL *urn, const char *actor, clock_fn fn, void *ctx,
    struct clock_report *r, struct err *e)
{
	unsigned *ids = NULL, id = 0;
	size_t n = 0;
	MYSQL_BIND b[1];
	MYSQL_STMT *st;

	st = db_query(el, e, "SELECT id FROM scrutin WHERE state IN ('open', 'suspended')"
	    " ORDER BY id", "");
	if (st == NULL)
		return -1;
	db_bind(&b[0], MYSQL_TYPE_LONG, &id, 0, NULL);
	if (mysql_stmt_bind_result(st, b) == 0)
		while (mysql_stmt_fetch(st) == 0) {
			ids = xreallocarray(ids, n + 1, sizeof(*ids));
			ids[n++] = id;
		}
	db_done(st);
	for (size_t i = 0; i < n; i++) {
		struct err why, je;
		if (seal_verify(el, urn, ids[i], &why) == 0) {
			r->sealed_ok++;
			continue;
		}
		r->seal_alerts++;
		fn(ids[i], CLOCK_SEAL_ALERT, LC_NSTATES, why.msg, ctx);
		if (db_exec(el, "START TRANSACTION", &je) == -1 ||
		    journal_append_json_tx(el, actor, "scellement_non_conforme", ids[i],
		    json_pack("{s:s, s:s}", "controle", "periodique", "motif", why.msg), &je) == -1 ||
		    db_exec(el, "COMMIT", &je) == -1) {
			fn(ids[i], CLOCK_REFUSED, LC_NSTATES, je.msg, ctx);
			db_exec(el, "ROLLBACK", &je);
		}
	}
	free(ids);
	return 0;
}

int
clock_tick(MYSQL *el, MYSQL *urn, const char *actor, clock_fn fn, void *ctx,
    struct clock_report *r, struct err *e)
{
	struct due *due;
	size_t n;

	memset(r, 0, sizeof(*r));
	if (due_scrutins(el, &due, &n, e) == -1)
		return -1;
	for (size_t i = 0; i < n; i++) {
		struct lifecycle_req req = { .scrutin_id = due[i].id, .to = due[i].to, .actor = actor,
			.automatic = 1 };
		struct err why;
		if (lifecycle_apply(el, urn, &req, &why) == -1) {
			r->refused++;
			fn(due[i].id, CLOCK_REFUSED, due[i].to, why.msg, ctx);
		} else {
			r->moved++;
			fn(due[i].id, CLOCK_MOVED, due[i].to, NULL, ctx);
		}
	}
	free(due);
	return check_seals(el, urn, actor, fn, ctx, r, e);
}
