/* bureau_reset.c: a member who forgot their personal code (or whose code
 * is locked after too many refusals) gets it cleared by their bureau: the
 * president, or the secretary replacing them, and at least min_others
 * other members authorise it with their own codes; the member then sets a
 * new one (bureau_change_code, a first code needs no old one). Journaled,
 * which is how the bureau is told (R-BUR-3, R-BUR-7). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "bureau.h"
#include "db.h"
#include "journal.h"

/* The member's bureau, role and name. */
static int
bureau_reset_member(MYSQL *el, unsigned member_id, unsigned *bureau_id,
    char *role, size_t rcap, char *name, size_t ncap, struct err *e)
{
	unsigned long lr = 0, ln = 0;
	MYSQL_BIND out[3];
	MYSQL_STMT *st;
	int f;

	st = db_query(el, e,
	    "SELECT bureau_id, role, CONCAT(prenom, ' ', nom) FROM "
	    "bureau_member"
	    " WHERE id = ?",
	    "u", member_id);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_LONG, bureau_id, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_STRING, role, rcap - 1, &lr);
	db_bind(&out[2], MYSQL_TYPE_STRING, name, ncap - 1, &ln);
	f = mysql_stmt_bind_result(st, out) == 0 ? mysql_stmt_fetch(st) : 1;
	mysql_stmt_close(st);
	if (f == MYSQL_NO_DATA)
		return err_set(e, "Membre du bureau n° %u inconnu.", member_id);
	if (f != 0 && f != MYSQL_DATA_TRUNCATED)
		return err_set(
		    e, "base des électeurs : lecture du membre impossible");
	db_cstr(role, rcap, lr);
	db_cstr(name, ncap, ln);
	return 0;
}

int
bureau_code_reset(MYSQL *el, unsigned member_id,
    const struct bureau_code *codes, size_t n, const char *actor,
    struct bureau_auth *auth, struct err *e)
{
	char role[16], name[BUREAU_NAME_MAX];
	enum bureau_role r;
	unsigned bureau_id = 0;

	if (bureau_reset_member(el, member_id, &bureau_id, role, sizeof(role),
	        name, sizeof(name), e) == -1)
		return -1;
	/* the member cannot vouch for themselves: the others decide */
	for (size_t i = 0; i < n; i++)
		if (codes[i].member_id == member_id)
			return err_set(e,
			    "Réinitialisation refusée : %s ne peut pas "
			    "l'autoriser avec son "
			    "propre code ; le président et au moins deux "
			    "autres membres l'autorisent.",
			    name);
	if (bureau_authorise(el, bureau_id, codes, n, actor,
	        "reinitialisation_code", 0, auth, e) == -1)
		return -1;
	if (db_exec(el, "START TRANSACTION", e) == -1)
		return -1;
	if (db_run(el, e,
	        "UPDATE bureau_member SET code_hash = NULL, code_failures = 0,"
	        " code_set_at = NULL WHERE id = ?",
	        "u", member_id) == -1 ||
	    journal_append_json_tx(el, actor, "code_reinitialise", 0,
	        json_pack("{s:I, s:I, s:s, s:s, s:s}", "bureau",
	            (json_int_t)bureau_id, "membre", (json_int_t)member_id,
	            "role",
	            bureau_role_parse(role, &r) == 0 ? bureau_role_label(r)
	                                             : role,
	            "nom", name, "autorise_par", auth->quorum.summary),
	        e) == -1 ||
	    db_exec(el, "COMMIT", e) == -1) {
		db_exec(el, "ROLLBACK", NULL);
		return -1;
	}
	return 0;
}
