/* results.c: decrypted counts + scrutin data → rules-schema.md input. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db.h"
#include "results.h"
#include "scrutin.h"

/* One candidate row of the scrutin, in drawn then presentation order. */
struct rcand {
	unsigned list;
	char nom[256], prenom[256], sexe[4], naissance[16], lname[256];
};

/* sub: 0 the whole scrutin, 1 its salariés, 2 its fonctionnaires (the
 * sub-urns of R-ORG-5): the inscrits of that part only. */
static int
results_head(MYSQL *db, unsigned scrutin, unsigned sub, json_int_t *seats, json_int_t *inscrits,
    char *college, char *category, struct err *e)
{
	unsigned long l1 = 0, l2 = 0;
	MYSQL_BIND out[4];
	MYSQL_STMT *st = db_query(db, e, "SELECT s.seats, co.name, s.category,"
	    " (SELECT COUNT(*) FROM elector_scrutin es JOIN elector v ON v.id = es.elector_id"
	    " WHERE es.scrutin_id = s.id AND (? = 0 OR v.statut = IF(? = 2, 'fonctionnaire',"
	    " 'salarie')))"
	    " FROM scrutin s JOIN college co ON co.id = s.college_id WHERE s.id = ?", "uuu", sub, sub,
	    scrutin);
	int rc = -1;

	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_LONGLONG, seats, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_STRING, college, 255, &l1);
	db_bind(&out[2], MYSQL_TYPE_STRING, category, 15, &l2);
	db_bind(&out[3], MYSQL_TYPE_LONGLONG, inscrits, 0, NULL);
	mysql_stmt_bind_result(st, out);
	if (mysql_stmt_fetch(st) == 0) {
		db_cstr(college, 256, l1);
		db_cstr(category, 16, l2);
		rc = 0;
	} else {
		err_set(e, "scrutin %u inconnu", scrutin);
	}
	db_done(st);
	return rc;
}

/* Lists with their candidates; votes from the counts. */
static json_t *
results_lists(MYSQL *db, unsigned scrutin, const json_t *counts, size_t slots, struct err *e)
{
	struct rcand c;
	unsigned long l[5] = { 0 };
	MYSQL_BIND out[6];
	MYSQL_STMT *st;
	json_t *lists = json_array(), *cur = NULL;
	size_t li = 0, pos = slots;
	unsigned last = 0;

	st = db_query(db, e, "SELECT l.id, l.name, c.nom, c.prenom, c.sexe, DATE_FORMAT(c.date_naissance, '%Y-%m-%d')"
	    " FROM candidate_list l JOIN candidate c ON c.list_id = l.id WHERE l.scrutin_id = ?"
	    " ORDER BY l.position, c.position", "u", scrutin);
	if (st == NULL) {
		json_decref(lists);
		return NULL;
	}
	db_bind(&out[0], MYSQL_TYPE_LONG, &c.list, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_STRING, c.lname, sizeof(c.lname) - 1, &l[0]);
	db_bind(&out[2], MYSQL_TYPE_STRING, c.nom, sizeof(c.nom) - 1, &l[1]);
	db_bind(&out[3], MYSQL_TYPE_STRING, c.prenom, sizeof(c.prenom) - 1, &l[2]);
	db_bind(&out[4], MYSQL_TYPE_STRING, c.sexe, sizeof(c.sexe) - 1, &l[3]);
	db_bind(&out[5], MYSQL_TYPE_STRING, c.naissance, sizeof(c.naissance) - 1, &l[4]);
	mysql_stmt_bind_result(st, out);
	while (mysql_stmt_fetch(st) == 0) {
		char name[520];
		db_cstr(c.lname, sizeof(c.lname), l[0]);
		db_cstr(c.nom, sizeof(c.nom), l[1]);
		db_cstr(c.prenom, sizeof(c.prenom), l[2]);
		db_cstr(c.sexe, sizeof(c.sexe), l[3]);
		db_cstr(c.naissance, sizeof(c.naissance), l[4]);
		if (cur == NULL || c.list != last) {
			if (cur != NULL)
				li++;
			json_int_t ballots = json_integer_value(json_array_get(counts, li));
			cur = json_pack("{s:s, s:I, s:[]}", "name", c.lname, "ballots", ballots, "candidates");
			json_array_append_new(lists, cur);
			last = c.list;
		}
		json_int_t lb = json_integer_value(json_object_get(cur, "ballots"));
		json_int_t kept = json_integer_value(json_array_get(counts, pos++));
		snprintf(name, sizeof(name), "%s %s", c.prenom, c.nom);
		/* strikes on a name = ballots for the list that did not keep it */
		json_array_append_new(json_object_get(cur, "candidates"), json_pack("{s:s, s:s, s:s, s:I}",
		    "name", name, "sex", strcmp(c.sexe, "F") == 0 ? "F" : "H", "birthdate", c.naissance,
		    "strikes", lb - kept));
	}
	db_done(st);
	if (pos != json_array_size(counts)) {
		err_set(e, "les totaux ne correspondent pas aux listes du scrutin");
		json_decref(lists);
		return NULL;
	}
	return lists;
}

json_t *
results_rules_input(MYSQL *db, unsigned scrutin, const json_t *count, struct err *e)
{
	const json_t *counts = json_object_get(count, "counts");
	json_int_t seats = 0, inscrits = 0, votants = json_integer_value(json_object_get(count, "ballots"));
	char college[256], category[16];
	struct scrutin_params p;
	size_t slots, nlists;
	unsigned sub;
	int nul;
	json_t *lists, *cat;

	if ((unsigned)json_integer_value(json_object_get(count, "scrutin")) != scrutin) {
		err_set(e, "ces totaux sont ceux d'un autre scrutin");
		return NULL;
	}
	if (scrutin_params_load(db, scrutin, &p, e) == -1)
		return NULL;
	nlists = p.shape.lists;
	nul = p.shape.nul;
	slots = nlists + 1 + (nul ? 1 : 0);
	scrutin_params_free(&p);
	sub = (unsigned)json_integer_value(json_object_get(count, "sub_urn"));
	if (sub > 2) {
		err_set(e, "sous-urne %u inconnue (1 salariés, 2 fonctionnaires)", sub);
		return NULL;
	}
	if (results_head(db, scrutin, sub, &seats, &inscrits, college, category, e) == -1 ||
	    (lists = results_lists(db, scrutin, counts, slots, e)) == NULL)
		return NULL;
	/* R-ORG-5: the sub-count of one statut has its own PV, named so; its
	 * seats are for information (the scrutin's seats use the sum) */
	if (sub > 0) {
		size_t n = strlen(college);
		snprintf(college + n, 256 - n, " — %s", sub == 2 ? "fonctionnaires" : "salariés");
	}
	cat = json_pack("{s:I, s:I, s:I, s:I, s:I, s:o}", "seats", seats, "inscrits", inscrits,
	    "votants", votants, "blancs", json_integer_value(json_array_get(counts, nlists)),
	    "nuls", nul ? json_integer_value(json_array_get(counts, nlists + 1)) : (json_int_t)0,
	    "lists", lists);
	return json_pack("{s:[{s:s, s:o}]}", "colleges", "name", college,
	    strcmp(category, "titulaires") == 0 ? "titulaires" : "suppleants", cat);
}
