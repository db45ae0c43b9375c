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

int
proclaim_undecided_ties(const json_t *result, char *buf, size_t len)
{
	static const char *const cats[2] = { "titulaires", "suppleants" };
	const json_t *c, *cat, *r, *t;
	size_t i, j, k, n = 0, used = 0;

	buf[0] = '\0';
	json_array_foreach(json_object_get(result, "colleges"), i, c)
		for (int m = 0; m < 2; m++) {
			if ((cat = json_object_get(c, cats[m])) == NULL)
				continue;
			json_array_foreach(json_object_get(cat, "remainder_rounds"), j, r) {
				if (strcmp(json_string_value(json_object_get(r, "tie_break")) ?: "",
				    "list_order") != 0)
					continue;
				used += (size_t)snprintf(buf + used, used < len ? len - used : 0, "%ssiège %lld (",
				    n++ ? ", " : "", (long long)json_integer_value(json_object_get(r, "seat")));
				json_array_foreach(json_object_get(r, "tied"), k, t)
					used += (size_t)snprintf(buf + used, used < len ? len - used : 0, "%s%s",
					    k ? ", " : "", json_string_value(t));
				used += (size_t)snprintf(buf + used, used < len ? len - used : 0, ")");
			}
		}
	return n > 0;
}

/* The draws stored with the proclamation: NULL in *lots when none. */
static int
proclaim_lots(MYSQL *el, unsigned scrutin, json_t **lots, struct err *e)
{
	unsigned long len = 0;
	char buf[8192];
	MYSQL_BIND out[1];
	MYSQL_STMT *st;
	my_bool isnull = 0;
	json_error_t je;
	int f;

	*lots = NULL;
	st = db_query(el, e, "SELECT lot FROM proclamation WHERE scrutin_id = ?", "u", scrutin);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_STRING, buf, sizeof(buf) - 1, &len);
	out[0].is_null = &isnull;
	f = mysql_stmt_bind_result(st, out) == 0 ? mysql_stmt_fetch(st) : 1;
	db_done(st);
	if (f == MYSQL_NO_DATA || (f == 0 && isnull))
		return 0;
	if (f != 0)
		return err_set(e, "base des électeurs : lecture du tirage au sort impossible");
	db_cstr(buf, sizeof(buf), len);
	if ((*lots = json_loads(buf, 0, &je)) == NULL || !json_is_array(*lots)) {
		json_decref(*lots);
		*lots = NULL;
		return err_set(e, "tirage au sort du scrutin %u illisible", scrutin);
	}
	return 0;
}

/* The draws go into the scrutin's one category. */
static void
proclaim_set_lots(json_t *in, const json_t *lots)
{
	json_t *c = json_array_get(json_object_get(in, "colleges"), 0);
	json_t *cat = json_object_get(c, "titulaires") ?: json_object_get(c, "suppleants");

	if (cat != NULL && lots != NULL && json_array_size(lots) > 0)
		json_object_set(cat, "lots", (json_t *)lots);
}

json_t *
proclaim_rules_input(MYSQL *el, unsigned scrutin, const json_t *counts, struct err *e)
{
	json_t *in, *lots = NULL;

	if ((in = results_rules_input(el, scrutin, counts, e)) == NULL)
		return NULL;
	if (json_integer_value(json_object_get(counts, "sub_urn")) != 0)
		return in;
	if (proclaim_lots(el, scrutin, &lots, e) == -1) {
		json_decref(in);
		return NULL;
	}
	proclaim_set_lots(in, lots);
	json_decref(lots);
	return in;
}

json_t *
proclaim_preview(MYSQL *el, unsigned scrutin, const json_t *counts, const json_t *lots,
    struct err *e)
{
	json_t *in, *out;

	if (lots == NULL)
		in = proclaim_rules_input(el, scrutin, counts, e);
	else if ((in = results_rules_input(el, scrutin, counts, e)) != NULL)
		proclaim_set_lots(in, lots);
	if (in == NULL)
		return NULL;
	out = rules_run_json(in);
	json_decref(in);
	return out;
}

int
proclaim_lot_parse(const char *arg, json_t **lots, struct err *e)
{
	char *end;
	unsigned long seat = strtoul(arg, &end, 10);

	if (end == arg || *end != ':' || end[1] == '\0' || seat == 0 || seat > 100000)
		return err_set(e, "tirage au sort « %s » : SIÈGE:LISTE attendu (ex. 6:CFDT)", arg);
	if (*lots == NULL)
		*lots = json_array();
	json_array_append_new(*lots, json_pack("{s:I, s:s}", "seat", (json_int_t)seat, "winner",
	    end + 1));
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
	db_done(st);
	if (f == MYSQL_NO_DATA)
		return 0;
	if (f != 0)
		return err_set(e, "base des électeurs : lecture de la proclamation impossible");
	db_cstr(sha, PROCLAIM_SHA_HEX, len);
	return 1;
}

/* The category's object of a stored result: the first collège's
 * "titulaires" or "suppleants" (one scrutin is one category). */
static json_t *
proclaim_category(json_t *result)
{
	json_t *col = json_array_get(json_object_get(result, "colleges"), 0), *cat;

	if ((cat = json_object_get(col, "titulaires")) == NULL)
		cat = json_object_get(col, "suppleants");
	return cat;
}

int
proclaim_public(MYSQL *el, unsigned scrutin, json_t **summary, struct err *e)
{
	char at[32] = "", *text = NULL;
	unsigned long lt = 0, la = 0;
	MYSQL_BIND out[2];
	MYSQL_STMT *st;
	json_t *result = NULL, *cat, *lists, *l;
	json_error_t je;
	size_t i;
	int f, rc = -1;

	*summary = NULL;
	st = db_query(el, e,
	    "SELECT DATE_FORMAT(proclaimed_at, '%Y-%m-%dT%H:%i:%sZ'), result FROM proclamation"
	    " WHERE scrutin_id = ?",
	    "u", scrutin);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_STRING, at, sizeof(at) - 1, &la);
	db_bind(&out[1], MYSQL_TYPE_STRING, NULL, 0, &lt);
	f = mysql_stmt_bind_result(st, out) == 0 ? mysql_stmt_fetch(st) : 1;
	if (f == MYSQL_NO_DATA) {
		rc = 0;
		goto out;
	}
	if ((f != 0 && f != MYSQL_DATA_TRUNCATED) || (text = malloc(lt + 1)) == NULL) {
		err_set(e, "base des électeurs : lecture de la proclamation impossible");
		goto out;
	}
	db_cstr(at, sizeof(at), la);
	db_bind(&out[1], MYSQL_TYPE_STRING, text, lt, &lt);
	if (mysql_stmt_fetch_column(st, &out[1], 1, 0) != 0) {
		err_set(e, "base des électeurs : lecture de la proclamation impossible");
		goto out;
	}
	text[lt] = '\0';
	if ((result = json_loads(text, 0, &je)) == NULL || (cat = proclaim_category(result)) == NULL) {
		err_set(e, "scrutin %u : résultat proclamé illisible", scrutin);
		goto out;
	}
	*summary = json_pack("{s:s, s:O?, s:O?, s:O?, s:O?, s:O?, s:O?, s:O?, s:[]}", "proclame_le",
	    at, "inscrits", json_object_get(cat, "inscrits"), "votants",
	    json_object_get(cat, "votants"), "blancs", json_object_get(cat, "blancs"), "nuls",
	    json_object_get(cat, "nuls"), "sve", json_object_get(cat, "sve"), "sieges",
	    json_object_get(cat, "seats"), "quorum_atteint", json_object_get(cat, "quorum_reached"),
	    "listes");
	lists = json_object_get(*summary, "listes");
	json_array_foreach(json_object_get(cat, "lists"), i, l)
		json_array_append_new(lists, json_pack("{s:O?, s:O?, s:O?, s:O?}", "nom",
		    json_object_get(l, "name"), "voix", json_object_get(l, "ballots"), "sieges",
		    json_object_get(l, "seats_total"), "elus", json_object_get(l, "elected")));
	rc = 1;
out:
	db_done(st);
	json_decref(result);
	free(text);
	return rc;
}

int
proclaim_may(MYSQL *el, unsigned scrutin, unsigned *bureau, struct err *e)
{
	char old[PROCLAIM_SHA_HEX];
	enum lc_state s;
	int f;

	if (lifecycle_state_of(el, scrutin, &s, e) == -1)
		return -1;
	if (s != LC_COUNTED)
		return err_set(e, "le scrutin %u est « %s » : les résultats se proclament une fois le "
		    "scrutin « %s »", scrutin, lifecycle_state_label(s), lifecycle_state_label(LC_COUNTED));
	if (lifecycle_authority(el, scrutin, LC_COUNTED, bureau, e) == -1 ||
	    (f = proclaim_get(el, scrutin, old, e)) == -1)
		return -1;
	if (f == 1)
		return err_set(e, "les résultats du scrutin %u sont déjà proclamés (empreinte %.16s…)",
		    scrutin, old);
	return 0;
}

int
proclaim(MYSQL *el, unsigned scrutin, const json_t *counts, const struct bureau_auth *auth,
    const char *actor, const json_t *lots, json_t **result, char sha[PROCLAIM_SHA_HEX],
    struct err *e)
{
	unsigned bureau;
	json_t *in = NULL, *out = NULL;
	char *cj = NULL, *rj = NULL, *lj = NULL, ties[1024];
	int tx = 0, rc = -1;

	*result = NULL;
	if (proclaim_may(el, scrutin, &bureau, e) == -1)
		return -1;
	if (auth == NULL || auth->bureau_id != bureau)
		return err_set(e, "proclamer les résultats exige les codes du président et des membres "
		    "du bureau de vote");
	if ((in = results_rules_input(el, scrutin, counts, e)) == NULL)
		return -1;
	if (json_integer_value(json_object_get(counts, "sub_urn")) != 0) {
		err_set(e, "ces totaux sont ceux d'une sous-urne : la proclamation porte sur le scrutin "
		    "entier");
		goto out;
	}
	proclaim_set_lots(in, lots);
	out = rules_run_json(in);
	if (!json_is_true(json_object_get(out, "valid"))) {
		const json_t *why = json_array_get(json_object_get(out, "errors"), 0);
		err_set(e, "comptes ou tirage au sort invalides pour ce scrutin : rien n'est proclamé "
		    "(%s%s)", json_string_value(why) ?: "?",
		    json_array_size(json_object_get(out, "errors")) > 1 ? " ; …" : "");
		goto out;
	}
	if (proclaim_undecided_ties(out, ties, sizeof(ties))) {
		err_set(e, "égalité que la loi ne départage pas (même moyenne, même âge) : %s ; chaque "
		    "siège revient au tirage au sort du bureau (--lot SIÈGE:LISTE)", ties);
		goto out;
	}
	proclaim_digest(out, sha);
	if ((cj = json_dumps(counts, JSON_COMPACT | JSON_SORT_KEYS)) == NULL ||
	    (rj = json_dumps(out, JSON_COMPACT | JSON_SORT_KEYS)) == NULL ||
	    (lots != NULL && json_array_size(lots) > 0 &&
	    (lj = json_dumps(lots, JSON_COMPACT | JSON_SORT_KEYS)) == NULL)) {
		err_set(e, "mémoire insuffisante");
		goto out;
	}
	if (db_exec(el, "START TRANSACTION", e) == -1)
		goto out;
	tx = 1;
	if (db_run(el, e, "INSERT INTO proclamation (scrutin_id, counts, result, result_sha256, lot,"
	    " authorised_by) VALUES (?, ?, ?, ?, NULLIF(?, ''), ?)", "usssss", scrutin, cj, rj, sha,
	    lj != NULL ? lj : "", auth->quorum.summary) == -1 ||
	    journal_append_json_tx(el, actor, "proclamation", scrutin, json_pack("{s:s, s:s, s:O?}",
	    "empreinte_resultat", sha, "autorisation", auth->quorum.summary, "tirage_au_sort",
	    lj != NULL ? lots : NULL), e) == -1 || db_exec(el, "COMMIT", e) == -1)
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
	free(lj);
	json_decref(in);
	json_decref(out);
	return rc;
}
