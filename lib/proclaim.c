/* proclaim.c: the bureau's proclamation of a scrutin's results
 * (proclaim.h). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "db.h"
#include "journal.h"
#include "lifecycle.h"
#include "proclaim.h"
#include "results.h"
#include "rules.h"

void
proclaim_digest(const json_t *doc, char sha[PROCLAIM_SHA_HEX])
{
	char *s = json_dumps(doc, JSON_COMPACT | JSON_SORT_KEYS);
	unsigned char md[32];
	unsigned len = 0;

	sha[0] = '\0';
	if (s != NULL && EVP_Digest(s, strlen(s), md, &len, EVP_sha256(), NULL) == 1)
		for (unsigned i = 0; i < 32; i++)
			snprintf(sha + 2 * i, 3, "%02x", md[i]);
	free(s);
}

/* The seats handed out at the plus forte moyenne between lists the law
 * leaves tied (same average, same age): the engine then took the list
 * order, which only the bureau's draw may confirm. The winner in *list. */
static int
undecided_tie(const json_t *result, const char **list)
{
	const json_t *c, *cat, *r;
	size_t i, j;

	json_array_foreach(json_object_get(result, "colleges"), i, c) {
		const char *cats[2] = { "titulaires", "suppleants" };
		for (int k = 0; k < 2; k++) {
			if ((cat = json_object_get(c, cats[k])) == NULL)
				continue;
			json_array_foreach(json_object_get(cat, "remainder_rounds"), j, r)
				if (strcmp(json_string_value(json_object_get(r, "tie_break")) ?: "",
				    "list_order") == 0) {
					*list = json_string_value(json_object_get(r, "winner"));
					return 1;
				}
		}
	}
	return 0;
}

int
proclaim_get(MYSQL *el, unsigned scrutin, char sha[PROCLAIM_SHA_HEX], struct err *e)
{
	unsigned long len = 0;
	MYSQL_BIND out[1];
	MYSQL_STMT *st;
	int f;

	st = db_query(el, e, "SELECT result_sha256 FROM proclamation WHERE scrutin_id = ?", "u", scrutin);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_STRING, sha, PROCLAIM_SHA_HEX - 1, &len);
	f = mysql_stmt_bind_result(st, out) == 0 ? mysql_stmt_fetch(st) : 1;
	mysql_stmt_close(st);
	if (f == MYSQL_NO_DATA)
		return 0;
	if (f != 0)
		return err_set(e, "base des électeurs : lecture de la proclamation impossible");
	db_cstr(sha, PROCLAIM_SHA_HEX, len);
	return 1;
}

int
proclaim(MYSQL *el, unsigned scrutin, const json_t *counts, const struct bureau_auth *auth,
    const char *actor, const char *lot, json_t **result, char sha[PROCLAIM_SHA_HEX],
    struct err *e)
{
	enum lc_state s;
	unsigned bureau;
	const char *tied = NULL;
	json_t *in = NULL, *out = NULL;
	char *cj = NULL, *rj = NULL, old[PROCLAIM_SHA_HEX];
	int tx = 0, rc = -1, f;

	*result = NULL;
	if (lifecycle_state_of(el, scrutin, &s, e) == -1)
		return -1;
	if (s != LC_COUNTED)
		return err_set(e, "le scrutin %u est « %s » : les résultats se proclament une fois le "
		    "scrutin « %s »", scrutin, lifecycle_state_label(s), lifecycle_state_label(LC_COUNTED));
	if (lifecycle_authority(el, scrutin, LC_COUNTED, &bureau, e) == -1)
		return -1;
	if (auth == NULL || auth->bureau_id != bureau)
		return err_set(e, "proclamer les résultats exige les codes du président et des membres "
		    "du bureau de vote");
	if ((f = proclaim_get(el, scrutin, old, e)) == -1)
		return -1;
	if (f == 1)
		return err_set(e, "les résultats du scrutin %u sont déjà proclamés (empreinte %.16s…)",
		    scrutin, old);
	if ((in = results_rules_input(el, scrutin, counts, e)) == NULL)
		return -1;
	out = rules_run_json(in);
	if (!json_is_true(json_object_get(out, "valid"))) {
		err_set(e, "comptes invalides pour ce scrutin : rien n'est proclamé");
		goto out;
	}
	if (undecided_tie(out, &tied)) {
		if (lot == NULL) {
			err_set(e, "égalité que la loi ne départage pas (même moyenne, même âge) : le siège "
			    "revient au tirage au sort du bureau (--lot LISTE) ; la console a retenu « %s »",
			    tied != NULL ? tied : "?");
			goto out;
		}
		if (tied == NULL || strcmp(lot, tied) != 0) {
			err_set(e, "le tirage au sort désigne « %s » mais le calcul a retenu « %s » : "
			    "recalculer avec un autre gagnant n'est pas encore possible", lot,
			    tied != NULL ? tied : "?");
			goto out;
		}
	} else if (lot != NULL) {
		err_set(e, "aucune égalité à départager : pas de tirage au sort");
		goto out;
	}
	proclaim_digest(out, sha);
	if ((cj = json_dumps(counts, JSON_COMPACT | JSON_SORT_KEYS)) == NULL ||
	    (rj = json_dumps(out, JSON_COMPACT | JSON_SORT_KEYS)) == NULL) {
		err_set(e, "mémoire insuffisante");
		goto out;
	}
	if (db_exec(el, "START TRANSACTION", e) == -1)
		goto out;
	tx = 1;
	if (db_run(el, e, "INSERT INTO proclamation (scrutin_id, counts, result, result_sha256, lot,"
	    " authorised_by) VALUES (?, ?, ?, ?, NULLIF(?, ''), ?)", "usssss", scrutin, cj, rj, sha,
	    lot != NULL ? lot : "", auth->quorum.summary) == -1 ||
	    journal_append_json_tx(el, actor, "proclamation", scrutin, json_pack("{s:s, s:s, s:s?}",
	    "empreinte_resultat", sha, "autorisation", auth->quorum.summary, "tirage_au_sort", lot),
	    e) == -1 || db_exec(el, "COMMIT", e) == -1)
		goto out;
	tx = 0;
	*result = out;
	out = NULL;
	rc = 0;
out:
	if (tx) {
		struct err ignored;
		db_exec(el, "ROLLBACK", &ignored);
	}
	free(cj);
	free(rj);
	json_decref(in);
	json_decref(out);
	return rc;
}
