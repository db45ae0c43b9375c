/* operation.c: load an operation and describe it to electors. */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include "db.h"
#include "operation.h"

int
operation_load(MYSQL *db, const char *code, struct operation *op, struct err *e)
{
	unsigned long lc = 0, ln = 0;
	long long opens = 0, closes = 0;
	unsigned grace = 0;
	MYSQL_BIND out[6];
	MYSQL_STMT *st;
	int f, rc = -1;

	memset(op, 0, sizeof(*op));
	st = db_query(db, e, "SELECT id, code, name, UNIX_TIMESTAMP(opens_at),"
	    " UNIX_TIMESTAMP(closes_at), grace_seconds FROM operation"
	    " WHERE (? = '' OR code = ?) ORDER BY id LIMIT 1", "ss",
	    code == NULL ? "" : code, code == NULL ? "" : code);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_LONG, &op->id, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_STRING, op->code, sizeof(op->code) - 1, &lc);
	db_bind(&out[2], MYSQL_TYPE_STRING, op->name, sizeof(op->name) - 1, &ln);
	db_bind(&out[3], MYSQL_TYPE_LONGLONG, &opens, 0, NULL);
	db_bind(&out[4], MYSQL_TYPE_LONGLONG, &closes, 0, NULL);
	db_bind(&out[5], MYSQL_TYPE_LONG, &grace, 0, NULL);
	mysql_stmt_bind_result(st, out);
	f = mysql_stmt_fetch(st);
	if (f == 0 || f == MYSQL_DATA_TRUNCATED) {
		db_cstr(op->code, sizeof(op->code), lc);
		db_cstr(op->name, sizeof(op->name), ln);
		op->cal.opens = opens;
		op->cal.closes = closes;
		op->cal.grace_s = grace;
		rc = 0;
	} else if (f == MYSQL_NO_DATA) {
		err_set(e, "aucune opération électorale%s%s", code ? " : " : "", code ? code : "");
	} else {
		err_set(e, "lecture de l'opération impossible (%s)", mysql_stmt_error(st));
	}
	db_done(st);
	return rc;
}

static void
operation_iso(int64_t t, char out[32])
{
	time_t tt = (time_t)t;
	struct tm tm;

	gmtime_r(&tt, &tm);
	strftime(out, 32, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

json_t *
operation_public(const struct operation *op, int64_t now)
{
	enum calendar_phase p = calendar_phase(&op->cal, now);
	char o[32], c[32];

	operation_iso(op->cal.opens, o);
	operation_iso(op->cal.closes, c);
	return json_pack("{s:s, s:s, s:s, s:I, s:s, s:s}", "nom", op->name,
	    "ouverture", o, "cloture", c, "prolongation_minutes",
	    (json_int_t)(op->cal.grace_s / 60), "phase", calendar_phase_name(p),
	    "etat", calendar_phase_fr(p));
}

int
operation_setting_on(const char *v)
{
	return v != NULL && strcmp(v, "true") == 0;
}

int
operation_setting_query(MYSQL *db, const char *sql, unsigned id, const char *key, int *on,
    int *found, struct err *e)
{
	char v[16] = "", path[80];
	unsigned long len = 0;
	my_bool isnull = 1;
	MYSQL_BIND out[1];
	MYSQL_STMT *st;
	int f;

	*on = *found = 0;
	snprintf(path, sizeof(path), "$.%s", key);
	if ((st = db_query(db, e, sql, "su", path, id)) == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_STRING, v, sizeof(v) - 1, &len);
	out[0].is_null = &isnull;
	f = mysql_stmt_bind_result(st, out) == 0 ? mysql_stmt_fetch(st) : 1;
	db_done(st);
	if (f == 1)
		return err_set(e, "base des électeurs : lecture des réglages impossible");
	if (f == MYSQL_NO_DATA)
		return 0;
	db_cstr(v, sizeof(v), len);
	*found = 1;
	*on = operation_setting_on(isnull ? NULL : v);
	return 0;
}

int
operation_setting(MYSQL *db, unsigned op, const char *key, int *on, struct err *e)
{
	int found;

	return operation_setting_query(db,
	    "SELECT JSON_EXTRACT(settings, ?) FROM operation WHERE id = ?", op, key, on, &found, e);
}
