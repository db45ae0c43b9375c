/* observer.c: observer accounts (observer.h); SQL through prepared
 * statements only, the account and its scrutins in one transaction. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>

#include "db.h"
#include "journal.h"
#include "observer.h"

static const char *const kinds[][2] = {
    {"delegue_liste", "Délégué de liste"},
    {"delegue_syndical", "Délégué syndical"},
    {"huissier", "Huissier de justice"},
    {"expert", "Expert"},
};

const char *
observer_kind_label(const char *kind)
{
	for (size_t i = 0; kind != NULL && i < sizeof(kinds) / sizeof(kinds[0]);
	     i++)
		if (strcmp(kinds[i][0], kind) == 0)
			return kinds[i][1];
	return NULL;
}

/* The operation of every scrutin named, which must be one; 0 if not. */
static int
observer_operation(
    MYSQL *el, const struct observer_new *o, unsigned *op, struct err *e)
{
	long long v;

	*op = 0;
	for (size_t i = 0; i < o->nscrutins; i++) {
		int f = db_fetch_int(
		    db_query(el, e,
		        "SELECT operation_id FROM scrutin WHERE id = ?", "u",
		        o->scrutins[i]),
		    &v, e);
		if (f == -1)
			return -1;
		if (f == 0)
			return err_set(
			    e, "le scrutin n° %u n'existe pas", o->scrutins[i]);
		if (*op != 0 && *op != (unsigned)v)
			return err_set(e, "les scrutins d'un observateur sont "
			                  "d'une même opération");
		*op = (unsigned)v;
	}
	return 0;
}

static int
observer_check(const struct observer_new *o, struct err *e)
{
	if (observer_kind_label(o->kind) == NULL)
		return err_set(e,
		    "qualité inconnue « %s » (delegue_liste, delegue_syndical, "
		    "huissier, "
		    "expert)",
		    o->kind != NULL ? o->kind : "");
	if (o->nom == NULL || *o->nom == '\0' || o->prenom == NULL ||
	    *o->prenom == '\0' || strlen(o->nom) > 255 ||
	    strlen(o->prenom) > 255)
		return err_set(e, "nom et prénom de l'observateur requis (255 "
		                  "caractères au plus)");
	if (o->nscrutins == 0)
		return err_set(e, "au moins un scrutin à observer");
	return 0;
}

/* Fresh identifier and password, their digest and hash. */
static int
observer_credentials(const unsigned char key[32], char ident[CRED_TEXT_MAX],
    char pw[CRED_TEXT_MAX], unsigned char digest[CRED_DIGEST_LEN],
    char hash[CRED_HASH_MAX], struct err *e)
{
	char nid[CRED_TEXT_MAX], npw[CRED_TEXT_MAX];
	int rc = -1;

	if (cred_generate(ident, CRED_ID_SYMBOLS, e) == 0 &&
	    cred_generate(pw, CRED_PW_SYMBOLS, e) == 0 &&
	    cred_normalize(ident, CRED_ID_SYMBOLS, nid, e) == 0 &&
	    cred_normalize(pw, CRED_PW_SYMBOLS, npw, e) == 0 &&
	    cred_login_digest(key, 32, nid, digest, e) == 0 &&
	    cred_hash_password(npw, &cred_cost_default, hash, e) == 0)
		rc = 0;
	OPENSSL_cleanse(npw, sizeof(npw));
	return rc;
}

static int
observer_insert(MYSQL *el, const struct observer_new *o, unsigned op,
    const unsigned char digest[CRED_DIGEST_LEN], const char *hash, unsigned *id,
    struct err *e)
{
	if (db_run(el, e,
	        "INSERT INTO observer (operation_id, kind, nom, prenom, "
	        "login_digest,"
	        " password_hash) VALUES (?, ?, ?, ?, ?, ?)",
	        "usssbs", op, o->kind, o->nom, o->prenom, digest,
	        (size_t)CRED_DIGEST_LEN, hash) == -1)
		return -1;
	*id = (unsigned)mysql_insert_id(el);
	for (size_t i = 0; i < o->nscrutins; i++)
		if (db_run(el, e,
		        "INSERT IGNORE INTO observer_scrutin (observer_id, "
		        "scrutin_id)"
		        " VALUES (?, ?)",
		        "uu", *id, o->scrutins[i]) == -1)
			return -1;
	return 0;
}

int
observer_add(MYSQL *el, const struct observer_new *o,
    const unsigned char login_key[32], const char *actor, unsigned *id,
    char ident[CRED_TEXT_MAX], char pw[CRED_TEXT_MAX], struct err *e)
{
	unsigned char digest[CRED_DIGEST_LEN];
	char hash[CRED_HASH_MAX];
	json_t *sc = json_array();
	struct err ignored;
	unsigned op;

	for (size_t i = 0; i < o->nscrutins; i++)
		json_array_append_new(sc, json_integer(o->scrutins[i]));
	if (observer_check(o, e) == -1 ||
	    observer_operation(el, o, &op, e) == -1 ||
	    observer_credentials(login_key, ident, pw, digest, hash, e) == -1 ||
	    db_exec(el, "START TRANSACTION", e) == -1) {
		json_decref(sc);
		return -1;
	}
	/* the journal names the account, never its credentials */
	if (observer_insert(el, o, op, digest, hash, id, e) == -1 ||
	    journal_append_json_tx(el, actor, "observateur_ajoute", 0,
	        json_pack("{s:i, s:s, s:s,"
	                  " s:s, s:O}",
	            "observateur", (int)*id, "qualite", o->kind, "nom", o->nom,
	            "prenom", o->prenom, "scrutins", sc),
	        e) == -1 ||
	    db_exec(el, "COMMIT", e) == -1) {
		db_exec(el, "ROLLBACK", &ignored);
		OPENSSL_cleanse(pw, CRED_TEXT_MAX);
		json_decref(sc);
		return -1;
	}
	json_decref(sc);
	return 0;
}

int
observer_revoke(MYSQL *el, unsigned id, const char *actor, struct err *e)
{
	struct err ignored;
	long long n;

	if (db_exec(el, "START TRANSACTION", e) == -1)
		return -1;
	n = db_run(el, e,
	    "UPDATE observer SET revoked_at = UTC_TIMESTAMP() WHERE id = ?"
	    " AND revoked_at IS NULL",
	    "u", id);
	if (n == 0)
		err_set(e, "aucun observateur n° %u actif", id);
	if (n <= 0 ||
	    journal_append_json_tx(el, actor, "observateur_revoque", 0,
	        json_pack("{s:i}", "observateur", (int)id), e) == -1 ||
	    db_exec(el, "COMMIT", e) == -1) {
		db_exec(el, "ROLLBACK", &ignored);
		return -1;
	}
	return 0;
}

json_t *
observer_list(MYSQL *el, struct err *e)
{
	char kind[32], nom[256], prenom[256], sc[1024];
	unsigned long l[4];
	unsigned id;
	int revoked;
	MYSQL_BIND out[6];
	MYSQL_STMT *st;
	json_t *arr;

	st = db_query(el, e,
	    "SELECT o.id, o.kind, o.nom, o.prenom, o.revoked_at IS NOT NULL,"
	    " COALESCE((SELECT GROUP_CONCAT(x.scrutin_id ORDER BY "
	    "x.scrutin_id) FROM observer_scrutin x"
	    " WHERE x.observer_id = o.id), '') FROM observer o ORDER BY o.id",
	    "");
	if (st == NULL)
		return NULL;
	db_bind(&out[0], MYSQL_TYPE_LONG, &id, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_STRING, kind, sizeof(kind) - 1, &l[0]);
	db_bind(&out[2], MYSQL_TYPE_STRING, nom, sizeof(nom) - 1, &l[1]);
	db_bind(&out[3], MYSQL_TYPE_STRING, prenom, sizeof(prenom) - 1, &l[2]);
	db_bind(&out[4], MYSQL_TYPE_LONG, &revoked, 0, NULL);
	db_bind(&out[5], MYSQL_TYPE_STRING, sc, sizeof(sc) - 1, &l[3]);
	arr = json_array();
	mysql_stmt_bind_result(st, out);
	while (mysql_stmt_fetch(st) == 0) {
		db_cstr(kind, sizeof(kind), l[0]);
		db_cstr(nom, sizeof(nom), l[1]);
		db_cstr(prenom, sizeof(prenom), l[2]);
		db_cstr(sc, sizeof(sc), l[3]);
		json_array_append_new(
		    arr, json_pack("{s:i, s:s, s:s, s:s, s:s, s:b}", "id",
		             (int)id, "qualite", kind, "nom", nom, "prenom",
		             prenom, "scrutins", sc, "revoque", revoked));
	}
	db_done(st);
	return arr;
}
