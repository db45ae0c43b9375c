/* turnout.c: turnout from the émargement counts (emargement_count() runs
 * with its definer's rights: the console sees numbers, not names). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db.h"
#include "turnout.h"

json_t *
turnout_all(MYSQL *db, struct err *e)
{
	char etab[256], college[256], cat[16], state[32], pct[48];
	unsigned long l[4] = { 0 };
	long long inscrits = 0, votants = 0;
	unsigned id = 0, round = 0;
	MYSQL_BIND out[8];
	MYSQL_STMT *st;
	json_t *arr = json_array();
	int f;

	st = db_query(db, e, "SELECT s.id, es.name, co.name, s.category, s.state,"
	    " (SELECT COUNT(*) FROM elector_scrutin x WHERE x.scrutin_id = s.id), emargement_count(s.id),"
	    " s.round FROM scrutin s JOIN establishment es ON es.id = s.establishment_id"
	    " JOIN college co ON co.id = s.college_id ORDER BY s.round, es.name, co.name, s.category", "");
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
		/* percent with 2 decimals, rounded half up, in integers */
		long long p = inscrits > 0 ? (votants * 20000 + inscrits) / (2 * inscrits) : 0;
		snprintf(pct, sizeof(pct), "%lld.%02lld", p / 100, p % 100);
		json_array_append_new(arr, json_pack("{s:i, s:s, s:s, s:I, s:I, s:s, s:s, s:s, s:s,"
		    " s:i}", "id", (int)id, "scrutin", title, "etat", state, "inscrits",
		    (json_int_t)inscrits, "votants", (json_int_t)votants, "participation", pct,
		    "etablissement", etab, "college", college, "categorie", cat, "tour", (int)round));
	}
	mysql_stmt_close(st);
	return arr;
}
