/* round2.c: creation of a second-round scrutin (round2.h), in one
 * transaction: the scrutin (state draft: it walks the whole lifecycle,
 * keys and seal included, like any other), its electors and the lists
 * carried over, and the journal entry. */
#include "config.h"

#include <string.h>

#include <jansson.h>

#include "db.h"
#include "journal.h"
#include "lifecycle.h"
#include "round2.h"

static int
round_of(MYSQL *el, unsigned id, unsigned *round, struct err *e)
{
	MYSQL_BIND out[1];
	MYSQL_STMT *st = db_query(el, e, "SELECT round FROM scrutin WHERE id = ? FOR UPDATE", "u", id);
	int f;

	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_LONG, round, 0, NULL);
	f = mysql_stmt_bind_result(st, out) == 0 ? mysql_stmt_fetch(st) : 1;
	db_done(st);
	if (f == MYSQL_NO_DATA)
		return err_set(e, "scrutin %u inconnu", id);
	return f == 0 ? 0 : err_set(e, "base des électeurs : lecture du scrutin impossible");
}

int
round2_create(MYSQL *el, unsigned from, unsigned seats, const char *actor, const char *reason,
    struct round2_result *r, struct err *e)
{
	enum lc_state s;
	unsigned round = 0;
	long long n;
	int tx = 0, rc = -1;

	memset(r, 0, sizeof(*r));
	if (lifecycle_state_of(el, from, &s, e) == -1)
		return -1;
	if (s != LC_COUNTED && s != LC_SEALED_AFTER_COUNT && s != LC_ARCHIVED)
		return err_set(e, "le scrutin %u est « %s » : le second tour se crée après le "
		    "dépouillement du premier", from, lifecycle_state_label(s));
	if (db_exec(el, "START TRANSACTION", e) == -1)
		return -1;
	tx = 1;
	if (round_of(el, from, &round, e) == -1)
		goto out;
	if (round != 1) {
		err_set(e, "le scrutin %u est déjà un second tour", from);
		goto out;
	}
	n = db_run(el, e, "INSERT INTO scrutin (operation_id, establishment_id, college_id, category,"
	    " round, seats, bureau_id) SELECT operation_id, establishment_id, college_id, category, 2,"
	    " IF(? > 0, ?, seats), bureau_id FROM scrutin WHERE id = ?", "uuu", seats, seats, from);
	if (n == -1) {
		if (e->code == 1062)   /* ER_DUP_ENTRY */
			err_set(e, "le second tour du scrutin %u existe déjà", from);
		goto out;
	}
	r->scrutin = (unsigned)mysql_insert_id(el);
	/* the same electors: the list was frozen for the first round */
	if ((n = db_run(el, e, "INSERT INTO elector_scrutin (elector_id, scrutin_id) SELECT"
	    " elector_id, ? FROM elector_scrutin WHERE scrutin_id = ?", "uu", r->scrutin, from)) == -1)
		goto out;
	r->electors = (unsigned long)n;
	/* the round-1 lists are carried over, until round 2's own file */
	if ((n = db_run(el, e, "INSERT INTO candidate_list (scrutin_id, position, name, unions, split)"
	    " SELECT ?, position, name, unions, split FROM candidate_list WHERE scrutin_id = ?", "uu",
	    r->scrutin, from)) == -1)
		goto out;
	r->lists = (unsigned long)n;
	if ((n = db_run(el, e, "INSERT INTO candidate (list_id, position, elector_id, nom, prenom, sexe,"
	    " date_naissance) SELECT l2.id, c.position, c.elector_id, c.nom, c.prenom, c.sexe,"
	    " c.date_naissance FROM candidate c JOIN candidate_list l1 ON l1.id = c.list_id"
	    " JOIN candidate_list l2 ON l2.scrutin_id = ? AND l2.position = l1.position"
	    " WHERE l1.scrutin_id = ?", "uu", r->scrutin, from)) == -1)
		goto out;
	r->candidates = (unsigned long)n;
	if (journal_append_json_tx(el, actor, "second_tour", r->scrutin,
	    json_pack("{s:i, s:i, s:I, s:I, s:I, s:s?}", "premier_tour", (int)from, "second_tour",
	    (int)r->scrutin, "electeurs", (json_int_t)r->electors, "listes_reportees",
	    (json_int_t)r->lists, "candidats_reportes", (json_int_t)r->candidates, "motif", reason),
	    e) == -1 || db_exec(el, "COMMIT", e) == -1)
		goto out;
	tx = 0;
	rc = 0;
out:
	if (tx) {
		struct err ignored;
		db_exec(el, "ROLLBACK", &ignored);
	}
	return rc;
}
