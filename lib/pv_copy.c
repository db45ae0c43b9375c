/* pv_copy.c: the copies of the PVs and their sending dates (pv_copy.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "db.h"
#include "journal.h"
#include "pv_copy.h"

#define PV_COPY_MAX_SCRUTINS 4096

/* The recipients every PV goes to, besides each union of its lists. */
static const struct {
	const char *name, *kind;
} pv_copy_fixed[] = {
    {"Direction", "direction"},
    {"Affichage", "affichage"},
    {"DREETS", "administration"},
};

struct pv_scrutin {
	unsigned id;
	char label[320], proclaimed[16], due[16];
};

/* The proclaimed scrutins, with their proclamation and the
 * administration's due date. */
static int
pv_copy_scrutins(MYSQL *el, unsigned operation, unsigned scrutin,
    struct pv_scrutin **out, size_t *n, struct err *e)
{
	struct pv_scrutin s, *v = NULL;
	unsigned long l[3] = {0};
	long long id = 0;
	MYSQL_BIND b[4];
	MYSQL_STMT *q;
	int f;

	*n = 0;
	q = db_query(el, e,
	    "SELECT s.id, CONCAT(es.name, ' — ', c.name, ' — ', s.category, ' "
	    "— ',"
	    " IF(s.round = 1, '1er tour', '2d tour')), "
	    "DATE_FORMAT(p.proclaimed_at, '%Y-%m-%d'),"
	    " DATE_FORMAT(p.proclaimed_at + INTERVAL ? DAY, '%Y-%m-%d')"
	    " FROM scrutin s JOIN establishment es ON es.id = "
	    "s.establishment_id"
	    " JOIN college c ON c.id = s.college_id JOIN proclamation p ON "
	    "p.scrutin_id = s.id"
	    " WHERE (? = 0 OR s.operation_id = ?) AND (? = 0 OR s.id = ?) "
	    "ORDER BY s.id",
	    "uuuuu", (unsigned)PV_COPY_ADMIN_DAYS, operation, operation,
	    scrutin, scrutin);
	if (q == NULL)
		return -1;
	memset(&s, 0, sizeof(s));
	db_bind(&b[0], MYSQL_TYPE_LONGLONG, &id, 0, NULL);
	db_bind(&b[1], MYSQL_TYPE_STRING, s.label, sizeof(s.label) - 1, &l[0]);
	db_bind(&b[2], MYSQL_TYPE_STRING, s.proclaimed,
	    sizeof(s.proclaimed) - 1, &l[1]);
	db_bind(&b[3], MYSQL_TYPE_STRING, s.due, sizeof(s.due) - 1, &l[2]);
	v = calloc(PV_COPY_MAX_SCRUTINS, sizeof(*v));
	if (v == NULL || mysql_stmt_bind_result(q, b) != 0) {
		db_done(q);
		free(v);
		return err_set(e, "base des électeurs : lecture des "
		                  "proclamations impossible");
	}
	while ((f = mysql_stmt_fetch(q)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		if (*n == PV_COPY_MAX_SCRUTINS)
			continue;
		db_cstr(s.label, sizeof(s.label), l[0]);
		db_cstr(s.proclaimed, sizeof(s.proclaimed), l[1]);
		db_cstr(s.due, sizeof(s.due), l[2]);
		s.id = (unsigned)id;
		v[(*n)++] = s;
	}
	db_done(q);
	*out = v;
	return 0;
}

/* A recipient's sending, if recorded. */
static int
pv_copy_lookup(MYSQL *el, struct pv_copy_row *r, struct err *e)
{
	unsigned long l[2] = {0};
	my_bool nul = 0;
	MYSQL_BIND b[2];
	MYSQL_STMT *q;
	int f;

	r->sent_on[0] = r->means[0] = '\0';
	q = db_query(el, e,
	    "SELECT DATE_FORMAT(sent_on, '%Y-%m-%d'), means FROM pv_copy"
	    " WHERE scrutin_id = ? AND recipient = ?",
	    "us", r->scrutin, r->recipient);
	if (q == NULL)
		return -1;
	db_bind(&b[0], MYSQL_TYPE_STRING, r->sent_on, sizeof(r->sent_on) - 1,
	    &l[0]);
	db_bind(
	    &b[1], MYSQL_TYPE_STRING, r->means, sizeof(r->means) - 1, &l[1]);
	b[0].is_null = &nul;
	f = mysql_stmt_bind_result(q, b) == 0 ? mysql_stmt_fetch(q) : 1;
	db_done(q);
	if (f == MYSQL_NO_DATA)
		return 0;
	if (f != 0 && f != MYSQL_DATA_TRUNCATED)
		return err_set(
		    e, "base des électeurs : lecture des envois impossible");
	db_cstr(r->sent_on, sizeof(r->sent_on), nul ? 0 : l[0]);
	db_cstr(r->means, sizeof(r->means), l[1]);
	return 0;
}

/* One row to the callback, with its sending looked up. */
static int
pv_copy_emit(MYSQL *el, const struct pv_scrutin *s, const char *name,
    const char *kind, pv_copy_fn fn, void *ctx, struct err *e)
{
	struct pv_copy_row r;

	memset(&r, 0, sizeof(r));
	r.scrutin = s->id;
	r.kind = kind;
	snprintf(r.scrutin_label, sizeof(r.scrutin_label), "%s", s->label);
	snprintf(r.recipient, sizeof(r.recipient), "%s", name);
	snprintf(r.proclaimed, sizeof(r.proclaimed), "%s", s->proclaimed);
	if (strcmp(kind, "administration") == 0)
		snprintf(r.due, sizeof(r.due), "%s", s->due);
	if (pv_copy_lookup(el, &r, e) == -1)
		return -1;
	return fn(&r, ctx);
}

/* The unions of the scrutin's lists: "CFDT+UNSA" (or "CFDT:60+UNSA:40")
 * gives CFDT and UNSA; each once. */
static int
pv_copy_unions(MYSQL *el, const struct pv_scrutin *s, pv_copy_fn fn, void *ctx,
    struct err *e)
{
	char all[8192] = "";
	const char *seen[64];
	size_t nseen = 0;
	unsigned long len = 0;
	MYSQL_BIND b[1];
	MYSQL_STMT *q;
	int f;

	q = db_query(el, e,
	    "SELECT GROUP_CONCAT(unions ORDER BY position SEPARATOR '+')"
	    " FROM candidate_list WHERE scrutin_id = ? AND unions <> ''",
	    "u", s->id);
	if (q == NULL)
		return -1;
	db_bind(&b[0], MYSQL_TYPE_STRING, all, sizeof(all) - 1, &len);
	f = mysql_stmt_bind_result(q, b) == 0 ? mysql_stmt_fetch(q) : 1;
	db_done(q);
	if (f != 0 && f != MYSQL_NO_DATA && f != MYSQL_DATA_TRUNCATED)
		return err_set(
		    e, "base des électeurs : lecture des syndicats impossible");
	db_cstr(all, sizeof(all), f == MYSQL_NO_DATA ? 0 : len);
	for (char *p = all, *tok; (tok = strsep(&p, "+")) != NULL;) {
		char *colon = strchr(tok, ':');
		size_t k;
		if (colon != NULL)
			*colon = '\0';
		if (*tok == '\0')
			continue;
		for (k = 0; k < nseen && strcmp(seen[k], tok) != 0; k++)
			;
		if (k < nseen)
			continue;
		if (nseen < sizeof(seen) / sizeof(seen[0]))
			seen[nseen++] = tok;
		if (pv_copy_emit(el, s, tok, "syndicat", fn, ctx, e) == -1)
			return -1;
	}
	return 0;
}

int
pv_copies_list(MYSQL *el, unsigned operation, unsigned scrutin, pv_copy_fn fn,
    void *ctx, struct err *e)
{
	struct pv_scrutin *v = NULL;
	size_t n = 0;
	int rc = -1;

	if (pv_copy_scrutins(el, operation, scrutin, &v, &n, e) == -1)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (pv_copy_emit(el, &v[i], pv_copy_fixed[0].name,
		        pv_copy_fixed[0].kind, fn, ctx, e) == -1 ||
		    pv_copy_unions(el, &v[i], fn, ctx, e) == -1)
			goto out;
		for (size_t k = 1;
		     k < sizeof(pv_copy_fixed) / sizeof(pv_copy_fixed[0]); k++)
			if (pv_copy_emit(el, &v[i], pv_copy_fixed[k].name,
			        pv_copy_fixed[k].kind, fn, ctx, e) == -1)
				goto out;
	}
	rc = 0;
out:
	free(v);
	return rc;
}

struct pv_copy_rec {
	MYSQL *el;
	const char *to, *date, *means, *actor;
	int count, matched;
	struct err *e;
};

/* The sending date: a real date, not before the proclamation, not later
 * than today (the database's clock). */
static int
pv_copy_date_ok(
    MYSQL *el, const struct pv_copy_row *r, const char *date, struct err *e)
{
	long long ok = 0;

	if (db_fetch_int(db_query(el, e,
	                     "SELECT STR_TO_DATE(?, '%Y-%m-%d') IS NOT NULL AND"
	                     " LENGTH(?) = 10 AND STR_TO_DATE(?, '%Y-%m-%d') "
	                     ">= ? AND STR_TO_DATE(?, '%Y-%m-%d') <="
	                     " UTC_DATE()",
	                     "sssss", date, date, date, r->proclaimed, date),
	        &ok, e) == -1)
		return -1;
	if (!ok)
		return err_set(e,
		    "date d'envoi « %s » : une date AAAA-MM-JJ réelle, au plus "
		    "tôt le "
		    "jour de la proclamation (%s) et au plus tard aujourd'hui",
		    date, r->proclaimed);
	return 0;
}

static int
pv_copy_record(const struct pv_copy_row *r, void *ctx)
{
	struct pv_copy_rec *x = ctx;

	if (strcasecmp(r->recipient, x->to) != 0)
		return 0;
	x->matched++;
	if (*r->sent_on != '\0')
		return err_set(x->e,
		    "le PV du scrutin %u (%s) est déjà enregistré comme envoyé "
		    "à %s le "
		    "%s",
		    r->scrutin, r->scrutin_label, r->recipient, r->sent_on);
	if (pv_copy_date_ok(x->el, r, x->date, x->e) == -1)
		return -1;
	if (db_run(x->el, x->e,
	        "INSERT INTO pv_copy (scrutin_id, recipient, kind, sent_on, "
	        "means,"
	        " recorded_by, recorded_at) VALUES (?, ?, ?, ?, ?, ?, NOW(6))",
	        "usssss", r->scrutin, r->recipient, r->kind, x->date, x->means,
	        x->actor) < 0 ||
	    journal_append_json_tx(x->el, x->actor, "pv_envoi", r->scrutin,
	        json_pack("{s:s, s:s,"
	                  " s:s, s:s}",
	            "destinataire", r->recipient, "nature", r->kind, "date",
	            x->date, "moyen", x->means),
	        x->e) == -1)
		return -1;
	x->count++;
	return 0;
}

int
pv_copy_sent(MYSQL *el, unsigned operation, unsigned scrutin, const char *to,
    const char *date, const char *means, const char *actor, int *count,
    struct err *e)
{
	struct pv_copy_rec x = {
	    el, to, date, means != NULL ? means : "", actor, 0, 0, e};
	struct err ignored;

	*count = 0;
	if (db_exec(el, "START TRANSACTION", e) == -1)
		return -1;
	if (pv_copies_list(el, operation, scrutin, pv_copy_record, &x, e) ==
	    -1) {
		db_exec(el, "ROLLBACK", &ignored);
		return -1;
	}
	if (x.matched == 0) {
		db_exec(el, "ROLLBACK", &ignored);
		return err_set(e,
		    "« %s » ne reçoit aucun PV proclamé ici (destinataires : "
		    "Direction, "
		    "chaque syndicat ayant déposé une liste, Affichage, DREETS "
		    "; voir pv copies)",
		    to);
	}
	if (db_exec(el, "COMMIT", e) == -1)
		return -1;
	*count = x.count;
	return 0;
}
