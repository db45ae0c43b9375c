/* observer_auth.c: an observer's login, and what each of their requests
 * checks: the account still active, the scrutin within their scope. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>

#include "db.h"
#include "observer.h"

struct obs_row {
	unsigned id, failures;
	int locked, revoked;
	char hash[CRED_HASH_MAX];
};

/* 1 found, 0 not found, -1 error. */
static int
obs_lookup(MYSQL *db, const unsigned char digest[CRED_DIGEST_LEN],
    struct obs_row *row, struct err *e)
{
	MYSQL_BIND out[5];
	MYSQL_STMT *st;
	unsigned long hl = 0;
	int f;

	memset(row, 0, sizeof(*row));
	st = db_query(db, e,
	    "SELECT id, failures, COALESCE(locked_until > UTC_TIMESTAMP(), 0),"
	    " revoked_at IS NOT NULL, password_hash FROM observer WHERE "
	    "login_digest = ?",
	    "b", digest, (size_t)CRED_DIGEST_LEN);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_LONG, &row->id, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_LONG, &row->failures, 0, NULL);
	db_bind(&out[2], MYSQL_TYPE_LONG, &row->locked, 0, NULL);
	db_bind(&out[3], MYSQL_TYPE_LONG, &row->revoked, 0, NULL);
	db_bind(
	    &out[4], MYSQL_TYPE_STRING, row->hash, sizeof(row->hash) - 1, &hl);
	f = mysql_stmt_bind_result(st, out) == 0 ? mysql_stmt_fetch(st) : 1;
	db_done(st);
	if (f == MYSQL_NO_DATA)
		return 0;
	if (f != 0)
		return err_set(e, "connexion : lecture impossible");
	db_cstr(row->hash, sizeof(row->hash), hl);
	return 1;
}

/* Count a failure, locking at the limit, in one statement. */
static int
obs_fail(MYSQL *db, const struct login_policy *pol, unsigned id, struct err *e)
{
	return db_run(db, e,
	           "UPDATE observer SET locked_until = IF(failures + 1 >= ?,"
	           " UTC_TIMESTAMP() + INTERVAL ? MINUTE, locked_until),"
	           " failures = IF(failures + 1 >= ?, 0, failures + 1) WHERE "
	           "id = ?",
	           "uuuu", pol->max_failures, pol->lock_minutes,
	           pol->max_failures, id) < 0
	           ? -1
	           : 0;
}

static void
obs_locked(struct login_result *res, const struct login_policy *pol)
{
	res->outcome = LOGIN_LOCKED;
	snprintf(res->message, sizeof(res->message),
	    "Trop d'essais infructueux : ce compte est "
	    "bloqué pendant %u minutes.",
	    pol->lock_minutes);
}

/* The check of a found, usable account's password; 0 or -1. */
static int
obs_verify(MYSQL *db, const struct login_policy *pol, const struct obs_row *row,
    const char *npw, struct login_result *res, struct err *e)
{
	int ok = cred_verify_password(row->hash, npw, e);

	if (ok == -1)
		return -1;
	if (!ok) {
		if (obs_fail(db, pol, row->id, e) == -1)
			return -1;
		if (row->failures + 1 >= pol->max_failures)
			obs_locked(res, pol);
		return 0;
	}
	if (db_run(db, e,
	        "UPDATE observer SET failures = 0 WHERE id = ? AND failures <> "
	        "0",
	        "u", row->id) < 0)
		return -1;
	res->outcome = LOGIN_OK;
	res->elector_id = row->id;
	snprintf(res->message, sizeof(res->message), "Connexion réussie.");
	return 0;
}

int
observer_login(MYSQL *db, const struct login_policy *pol, const char *id,
    const char *password, struct login_result *res, struct err *e)
{
	static char dummy[CRED_HASH_MAX];
	char nid[CRED_TEXT_MAX], npw[CRED_TEXT_MAX];
	unsigned char digest[CRED_DIGEST_LEN];
	struct obs_row row;
	struct err ignored;
	int found, rc = 0;

	memset(res, 0, sizeof(*res));
	res->outcome = LOGIN_BAD;
	snprintf(res->message, sizeof(res->message),
	    "Identifiant ou mot de passe incorrect. "
	    "Vérifiez votre saisie.");
	if (cred_normalize(id, CRED_ID_SYMBOLS, nid, &ignored) == -1 ||
	    cred_normalize(password, CRED_PW_SYMBOLS, npw, &ignored) == -1)
		return 0;
	if (cred_login_digest(
	        pol->login_key, sizeof(pol->login_key), nid, digest, e) == -1 ||
	    (found = obs_lookup(db, digest, &row, e)) == -1) {
		rc = -1;
	} else if (found == 0 || row.revoked) {
		/* the time of a real check: no telling a revoked or unknown
		 * account by timing (as login.c: the dummy hash is made once)
		 */
		if (dummy[0] == '\0')
			cred_hash_password(
			    "2345678923456789", &pol->cost, dummy, &ignored);
		cred_verify_password(dummy, npw, &ignored);
	} else if (row.locked) {
		obs_locked(res, pol);
	} else {
		rc = obs_verify(db, pol, &row, npw, res, e);
	}
	OPENSSL_cleanse(npw, sizeof(npw));
	return rc;
}

int
observer_active(MYSQL *db, unsigned id, int *active, struct err *e)
{
	long long v;
	int f = db_fetch_int(
	    db_query(db, e,
	        "SELECT revoked_at IS NULL FROM observer WHERE id = ?", "u",
	        id),
	    &v, e);

	if (f == -1)
		return -1;
	*active = f == 1 && v == 1;
	return 0;
}

int
observer_scoped(
    MYSQL *db, unsigned id, unsigned scrutin, int *yes, struct err *e)
{
	long long v;
	int f = db_fetch_int(db_query(db, e,
	                         "SELECT COUNT(*) FROM observer_scrutin WHERE"
	                         " observer_id = ? AND scrutin_id = ?",
	                         "uu", id, scrutin),
	    &v, e);

	if (f == -1)
		return -1;
	*yes = f == 1 && v > 0;
	return 0;
}

json_t *
observer_identity(MYSQL *db, unsigned id, struct err *e)
{
	char kind[32], nom[256], prenom[256];
	unsigned long l[3];
	MYSQL_BIND out[3];
	MYSQL_STMT *st;
	int f;

	st = db_query(db, e,
	    "SELECT kind, nom, prenom FROM observer WHERE id = ?", "u", id);
	if (st == NULL)
		return NULL;
	db_bind(&out[0], MYSQL_TYPE_STRING, kind, sizeof(kind) - 1, &l[0]);
	db_bind(&out[1], MYSQL_TYPE_STRING, nom, sizeof(nom) - 1, &l[1]);
	db_bind(&out[2], MYSQL_TYPE_STRING, prenom, sizeof(prenom) - 1, &l[2]);
	f = mysql_stmt_bind_result(st, out) == 0 ? mysql_stmt_fetch(st) : 1;
	db_done(st);
	if (f != 0 && f != MYSQL_DATA_TRUNCATED) {
		err_set(e, "observateur n° %u introuvable", id);
		return NULL;
	}
	db_cstr(kind, sizeof(kind), l[0]);
	db_cstr(nom, sizeof(nom), l[1]);
	db_cstr(prenom, sizeof(prenom), l[2]);
	return json_pack("{s:s, s:s, s:s}", "prenom", prenom, "nom", nom,
	    "qualite",
	    observer_kind_label(kind) != NULL ? observer_kind_label(kind)
	                                      : kind);
}
