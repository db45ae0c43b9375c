/* emargement.c: the émargement list of a scrutin (emargement.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db.h"
#include "emargement.h"
#include "lifecycle.h"

int
emargement_check_closed(MYSQL *el, unsigned scrutin, struct err *e)
{
	enum lc_state s;

	if (lifecycle_state_of(el, scrutin, &s, e) == -1)
		return -1;
	if (s != LC_CLOSED && s != LC_COUNTED && s != LC_SEALED_AFTER_COUNT && s != LC_ARCHIVED)
		return err_set(e, "le scrutin %u est « %s » : la liste d'émargement ne s'exporte "
		    "qu'après la clôture", scrutin, lifecycle_state_label(s));
	return 0;
}

static int
check_closed(MYSQL *el, unsigned scrutin, struct emarg_summary *sum, struct err *e)
{
	char etab[256], college[256], cat[16];
	unsigned long l[3];
	unsigned round = 0;
	MYSQL_BIND out[4];
	MYSQL_STMT *st;
	int f;

	if (emargement_check_closed(el, scrutin, e) == -1)
		return -1;
	st = db_query(el, e, "SELECT es.name, co.name, s.category, s.round FROM scrutin s"
	    " JOIN establishment es ON es.id = s.establishment_id JOIN college co"
	    " ON co.id = s.college_id WHERE s.id = ?", "u", scrutin);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_STRING, etab, sizeof(etab) - 1, &l[0]);
	db_bind(&out[1], MYSQL_TYPE_STRING, college, sizeof(college) - 1, &l[1]);
	db_bind(&out[2], MYSQL_TYPE_STRING, cat, sizeof(cat) - 1, &l[2]);
	db_bind(&out[3], MYSQL_TYPE_LONG, &round, 0, NULL);
	f = mysql_stmt_bind_result(st, out) == 0 ? mysql_stmt_fetch(st) : 1;
	db_done(st);
	if (f != 0 && f != MYSQL_DATA_TRUNCATED)
		return err_set(e, "scrutin %u illisible", scrutin);
	db_cstr(etab, sizeof(etab), l[0]);
	db_cstr(college, sizeof(college), l[1]);
	db_cstr(cat, sizeof(cat), l[2]);
	lifecycle_label(etab, college, cat, round, sum->title);
	return 0;
}

int
emargement_list(MYSQL *el, unsigned scrutin, emarg_fn fn, void *ctx,
    struct emarg_summary *sum, struct err *e)
{
	struct emarg_row r;
	unsigned long l[6];
	my_bool atnull = 0;
	MYSQL_BIND out[7];
	MYSQL_STMT *st;
	int f, rc = -1;

	memset(sum, 0, sizeof(*sum));
	if (check_closed(el, scrutin, sum, e) == -1)
		return -1;
	/* test electors (the test vote) are not electors: not listed */
	st = db_query(el, e, "SELECT e.matricule, IF(e.nom_usage <> '', e.nom_usage, e.nom),"
	    " e.prenom, es.name, co.name, DATE_FORMAT(m.voted_at, '%Y-%m-%d %H:%i:%s')"
	    " FROM elector_scrutin x JOIN elector e ON e.id = x.elector_id"
	    " JOIN establishment es ON es.id = e.establishment_id JOIN college co"
	    " ON co.id = e.college_id LEFT JOIN emargement m ON m.scrutin_id = x.scrutin_id"
	    " AND m.elector_id = e.id WHERE x.scrutin_id = ? AND NOT e.test_elector"
	    " ORDER BY 2, e.prenom, e.matricule", "u", scrutin);
	if (st == NULL)
		return err_prefix(e, "liste d'émargement (compte du bureau requis) : ");
	memset(&r, 0, sizeof(r));
	db_bind(&out[0], MYSQL_TYPE_STRING, r.matricule, sizeof(r.matricule) - 1, &l[0]);
	db_bind(&out[1], MYSQL_TYPE_STRING, r.nom, sizeof(r.nom) - 1, &l[1]);
	db_bind(&out[2], MYSQL_TYPE_STRING, r.prenom, sizeof(r.prenom) - 1, &l[2]);
	db_bind(&out[3], MYSQL_TYPE_STRING, r.etablissement, sizeof(r.etablissement) - 1, &l[3]);
	db_bind(&out[4], MYSQL_TYPE_STRING, r.college, sizeof(r.college) - 1, &l[4]);
	db_bind(&out[5], MYSQL_TYPE_STRING, r.at, sizeof(r.at) - 1, &l[5]);
	out[5].is_null = &atnull;
	if (mysql_stmt_bind_result(st, out) != 0) {
		err_set(e, "liste d'émargement : %s", mysql_stmt_error(st));
		goto out;
	}
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		db_cstr(r.matricule, sizeof(r.matricule), l[0]);
		db_cstr(r.nom, sizeof(r.nom), l[1]);
		db_cstr(r.prenom, sizeof(r.prenom), l[2]);
		db_cstr(r.etablissement, sizeof(r.etablissement), l[3]);
		db_cstr(r.college, sizeof(r.college), l[4]);
		if (atnull)
			r.at[0] = '\0';
		else
			db_cstr(r.at, sizeof(r.at), l[5]);
		r.voted = !atnull;
		sum->inscrits++;
		sum->votants += (unsigned long)r.voted;
		if (fn != NULL && fn(&r, ctx) == -1) {
			err_set(e, "écriture de la liste d'émargement impossible");
			goto out;
		}
	}
	rc = f == 1 ? err_set(e, "lecture de la liste d'émargement impossible") : 0;
out:
	db_done(st);
	return rc;
}
