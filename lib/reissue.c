/* reissue.c: identity check, vote check, new credentials, journal entry,
 * in one transaction. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "db.h"
#include "journal.h"
#include "reissue.h"
#include "text.h"

struct reissue_row {
	char nom[256], cp[16], nir[4];
	int naissance;
	unsigned scrutins, voted;
};

static int
reissue_load(MYSQL *db, unsigned id, struct reissue_row *r, struct err *e)
{
	unsigned long l[3] = { 0 };
	MYSQL_BIND out[6];
	MYSQL_STMT *st;
	int f;

	st = db_query(db, e, "SELECT e.nom, e.code_postal, e.cle_nir,"
	    " CAST(DATE_FORMAT(e.date_naissance, '%Y%m%d') AS UNSIGNED),"
	    " (SELECT COUNT(*) FROM elector_scrutin es WHERE es.elector_id = e.id),"
	    " (SELECT COUNT(*) FROM elector_scrutin es WHERE es.elector_id = e.id"
	    "   AND emargement_has_voted(es.scrutin_id, e.id))"
	    " FROM elector e JOIN credential c ON c.elector_id = e.id WHERE e.id = ?"
	    " FOR UPDATE", "u", id);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_STRING, r->nom, sizeof(r->nom) - 1, &l[0]);
	db_bind(&out[1], MYSQL_TYPE_STRING, r->cp, sizeof(r->cp) - 1, &l[1]);
	db_bind(&out[2], MYSQL_TYPE_STRING, r->nir, sizeof(r->nir) - 1, &l[2]);
	db_bind(&out[3], MYSQL_TYPE_LONG, &r->naissance, 0, NULL);
	db_bind(&out[4], MYSQL_TYPE_LONG, &r->scrutins, 0, NULL);
	db_bind(&out[5], MYSQL_TYPE_LONG, &r->voted, 0, NULL);
	mysql_stmt_bind_result(st, out);
	f = mysql_stmt_fetch(st);
	db_done(st);
	if (f != 0 && f != MYSQL_DATA_TRUNCATED)
		return err_set(e, "électeur %u inconnu ou sans identifiants", id);
	db_cstr(r->nom, sizeof(r->nom), l[0]);
	db_cstr(r->cp, sizeof(r->cp), l[1]);
	db_cstr(r->nir, sizeof(r->nir), l[2]);
	return 0;
}

/* Every element must match; which one did not is not said. */
static int
reissue_identity_ok(const struct reissue_row *r, const struct reissue_identity *id)
{
	char *a = text_fold(r->nom), *b = text_fold(id->nom);
	int ok = strcmp(a, b) == 0;

	free(a);
	free(b);
	ok &= r->naissance == id->naissance;
	ok &= strcmp(r->cp, id->code_postal) == 0;
	ok &= cred_challenge_ok(r->nir, id->cle_nir);
	return ok;
}

static int
reissue_store(MYSQL *db, const unsigned char key[32], unsigned id, struct reissue_result *res,
    struct err *e)
{
	char nid[CRED_TEXT_MAX], npw[CRED_TEXT_MAX], hash[CRED_HASH_MAX];
	unsigned char digest[CRED_DIGEST_LEN];
	int rc = -1;

	if (cred_generate(res->identifier, CRED_ID_SYMBOLS, e) == -1 ||
	    cred_generate(res->password, CRED_PW_SYMBOLS, e) == -1 ||
	    cred_normalize(res->identifier, CRED_ID_SYMBOLS, nid, e) == -1 ||
	    cred_normalize(res->password, CRED_PW_SYMBOLS, npw, e) == -1 ||
	    cred_login_digest(key, 32, nid, digest, e) == -1 ||
	    cred_hash_password(npw, &cred_cost_default, hash, e) == -1)
		goto out;
	if (db_run(db, e, "UPDATE credential SET login_digest = ?, password_hash = ?,"
	    " generation = generation + 1, failures = 0, locked_until = NULL WHERE elector_id = ?",
	    "bsu", digest, (size_t)CRED_DIGEST_LEN, hash, id) != 1)
		goto out;
	rc = 0;
out:
	OPENSSL_cleanse(npw, sizeof(npw));
	return rc;
}

static void
reissue_say(struct reissue_result *res, enum reissue_outcome o, const char *msg)
{
	res->outcome = o;
	snprintf(res->message, sizeof(res->message), "%s", msg);
}

int
reissue(MYSQL *db, const unsigned char key[32], const char *op, unsigned id,
    const struct reissue_identity *ident, struct reissue_result *res, struct err *e)
{
	struct reissue_row r;
	char actor[160], detail[256];
	const char *action = "reissue";

	memset(res, 0, sizeof(*res));
	snprintf(actor, sizeof(actor), "hotline:%s", op);
	if (db_exec(db, "START TRANSACTION", e) == -1)
		return -1;
	if (reissue_load(db, id, &r, e) == -1)
		goto fail;
	if (!reissue_identity_ok(&r, ident)) {
		reissue_say(res, REISSUE_IDENTITY, "Identité non confirmée : les informations données "
		    "ne correspondent pas. Aucun identifiant n'est renvoyé.");
		action = "reissue_refused";
		snprintf(detail, sizeof(detail), "électeur %u : identité non confirmée", id);
	} else if (r.scrutins > 0 && r.voted == r.scrutins) {
		reissue_say(res, REISSUE_VOTED, "L'électeur a déjà voté à tous ses scrutins : "
		    "aucun identifiant n'est renvoyé.");
		action = "reissue_refused";
		snprintf(detail, sizeof(detail), "électeur %u : a déjà voté", id);
	} else {
		if (reissue_store(db, key, id, res, e) == -1)
			goto fail;
		reissue_say(res, REISSUE_DONE, "Nouveaux identifiants créés ; les anciens ne "
		    "fonctionnent plus. Le mot de passe part par le canal de l'électeur.");
		snprintf(detail, sizeof(detail), "électeur %u : identifiants renouvelés", id);
	}
	/* the journal tells the bureau, refusals included (R-BUR-7) */
	if (journal_append_tx(db, actor, action, 0, detail, NULL, e) == -1 || mysql_commit(db) != 0)
		goto fail;
	return 0;
fail:
	mysql_rollback(db);
	OPENSSL_cleanse(res->password, sizeof(res->password));
	memset(res, 0, sizeof(*res));
	return -1;
}

json_t *
reissue_search(MYSQL *db, const char *nom, struct err *e)
{
	char n[256], p[256], etab[256];
	unsigned long l[3] = { 0 };
	unsigned id = 0;
	MYSQL_BIND out[4];
	MYSQL_STMT *st;
	json_t *list;
	int f;

	st = db_query(db, e, "SELECT e.id, e.nom, e.prenom, es.name FROM elector e"
	    " JOIN establishment es ON es.id = e.establishment_id WHERE e.nom = ? OR e.nom_usage = ?"
	    " ORDER BY e.nom, e.prenom LIMIT " REISSUE_SEARCH_MAX_S, "ss", nom, nom);
	if (st == NULL)
		return NULL;
	db_bind(&out[0], MYSQL_TYPE_LONG, &id, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_STRING, n, sizeof(n) - 1, &l[0]);
	db_bind(&out[2], MYSQL_TYPE_STRING, p, sizeof(p) - 1, &l[1]);
	db_bind(&out[3], MYSQL_TYPE_STRING, etab, sizeof(etab) - 1, &l[2]);
	list = json_array();
	mysql_stmt_bind_result(st, out);
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		db_cstr(n, sizeof(n), l[0]);
		db_cstr(p, sizeof(p), l[1]);
		db_cstr(etab, sizeof(etab), l[2]);
		json_array_append_new(list, json_pack("{s:i,s:s,s:s,s:s}", "id", (int)id,
		    "nom", n, "prenom", p, "etablissement", etab));
	}
	if (f != MYSQL_NO_DATA) {
		err_set(e, "recherche impossible (%s)", mysql_stmt_error(st));
		json_decref(list);
		list = NULL;
	}
	db_done(st);
	return list;
}
