/* turnout.c: turnout from the émargement counts (emargement_count() runs
 * with its definer's rights: the console and the observers see numbers,
 * not names). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db.h"
#include "turnout.h"

/* percent with 2 decimals, rounded half up, in integers */
static void
turnout_pct(long long votants, long long inscrits, char out[48])
{
	long long p = inscrits > 0 ? (votants * 20000 + inscrits) / (2 * inscrits) : 0;

	snprintf(out, 48, "%lld.%02lld", p / 100, p % 100);
}

/* One row per scrutin: every scrutin (observer 0) or an observer's. */
static json_t *
turnout_rows(MYSQL *db, unsigned observer, struct err *e)
{
	char etab[256], college[256], cat[16], state[32], pct[48];
	unsigned long l[4] = { 0 };
	long long inscrits = 0, votants = 0;
	unsigned id = 0, round = 0;
	MYSQL_BIND out[8];
	MYSQL_STMT *st;
	json_t *arr = json_array();
	int f;

	st = db_query(db, e, observer == 0 ? "SELECT s.id, es.name, co.name, s.category, s.state,"
	    " (SELECT COUNT(*) FROM elector_scrutin x WHERE x.scrutin_id = s.id), emargement_count(s.id),"
	    " s.round FROM scrutin s JOIN establishment es ON es.id = s.establishment_id"
	    " JOIN college co ON co.id = s.college_id WHERE ? = 0"
	    " ORDER BY s.round, es.name, co.name, s.category" :
	    "SELECT s.id, es.name, co.name, s.category, s.state,"
	    " (SELECT COUNT(*) FROM elector_scrutin x WHERE x.scrutin_id = s.id), emargement_count(s.id),"
	    " s.round FROM observer_scrutin os JOIN scrutin s ON s.id = os.scrutin_id"
	    " JOIN establishment es ON es.id = s.establishment_id"
	    " JOIN college co ON co.id = s.college_id WHERE os.observer_id = ?"
	    " ORDER BY s.round, es.name, co.name, s.category", "u", observer);
	if (st == NULL) {
		json_decref(arr);
		return NULL;
	}
	db_bind(&out[0], MYSQL_TYPE_LONG, &id, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_STRING, etab, sizeof(etab) - 1, &l[0]);
	db_bind(&out[2], MYSQL_TYPE_STRING, college, sizeof(college) - 1, &l[1]);
	db_bind(&out[3], MYSQL_TYPE_STRING, cat, sizeof(cat) - 1, &l[2]);
	db_bind(&out[4], MYSQL_TYPE_STRING, state, sizeof(state) - 1, &l[3]);
	db_bind(&out[5], MYSQL_TYPE_LONGLONG, &inscrits, 0, NULL);
	db_bind(&out[6], MYSQL_TYPE_LONGLONG, &votants, 0, NULL);
	db_bind(&out[7], MYSQL_TYPE_LONG, &round, 0, NULL);
	mysql_stmt_bind_result(st, out);
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		char title[600];
		db_cstr(etab, sizeof(etab), l[0]);
		db_cstr(college, sizeof(college), l[1]);
		db_cstr(cat, sizeof(cat), l[2]);
		db_cstr(state, sizeof(state), l[3]);
		snprintf(title, sizeof(title), "%s — %s — %s", etab, college,
		    strcmp(cat, "titulaires") == 0 ? "Titulaires" : "Suppléants");
		turnout_pct(votants, inscrits, pct);
		json_array_append_new(arr, json_pack("{s:i, s:s, s:s, s:I, s:I, s:s, s:s, s:s, s:s,"
		    " s:i}", "id", (int)id, "scrutin", title, "etat", state, "inscrits",
		    (json_int_t)inscrits, "votants", (json_int_t)votants, "participation", pct,
		    "etablissement", etab, "college", college, "categorie", cat, "tour", (int)round));
	}
	db_done(st);
	return arr;
}

json_t *
turnout_all(MYSQL *db, struct err *e)
{
	return turnout_rows(db, 0, e);
}

/* The group of (field = name, category, round), created when missing. */
static json_t *
turnout_group(json_t *groups, const char *field, const char *name, const char *cat,
    json_int_t round)
{
	json_t *g;
	size_t i;

	json_array_foreach(groups, i, g)
		if (strcmp(json_string_value(json_object_get(g, field)), name) == 0 &&
		    strcmp(json_string_value(json_object_get(g, "categorie")), cat) == 0 &&
		    json_integer_value(json_object_get(g, "tour")) == round)
			return g;
	g = json_pack("{s:s, s:s, s:I, s:I, s:I}", field, name, "categorie", cat, "tour", round,
	    "inscrits", (json_int_t)0, "votants", (json_int_t)0);
	json_array_append_new(groups, g);
	return g;
}

/* Add one scrutin's counts to its group. */
static void
turnout_add(json_t *groups, const char *field, const json_t *row)
{
	json_t *g = turnout_group(groups, field, json_string_value(json_object_get(row, field)),
	    json_string_value(json_object_get(row, "categorie")),
	    json_integer_value(json_object_get(row, "tour")));
	json_int_t ins = json_integer_value(json_object_get(g, "inscrits")) +
	    json_integer_value(json_object_get(row, "inscrits"));
	json_int_t vot = json_integer_value(json_object_get(g, "votants")) +
	    json_integer_value(json_object_get(row, "votants"));
	char pct[48];

	json_object_set_new(g, "inscrits", json_integer(ins));
	json_object_set_new(g, "votants", json_integer(vot));
	turnout_pct(vot, ins, pct);
	json_object_set_new(g, "participation", json_string(pct));
}

json_t *
turnout_observer(MYSQL *db, unsigned observer, struct err *e)
{
	json_t *rows = turnout_rows(db, observer, e), *colleges, *etabs, *row;
	size_t i;

	if (rows == NULL)
		return NULL;
	colleges = json_array();
	etabs = json_array();
	json_array_foreach(rows, i, row) {
		turnout_add(colleges, "college", row);
		turnout_add(etabs, "etablissement", row);
	}
	return json_pack("{s:o, s:o, s:o}", "scrutins", rows, "colleges", colleges,
	    "etablissements", etabs);
}
