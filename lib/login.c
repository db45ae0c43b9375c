/* login.c: elector login with lockout; all SQL through prepared statements. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db.h"
#include <openssl/crypto.h>

#include "login.h"

/* What one credential lookup returns. */
struct login_row {
	unsigned elector_id;
	unsigned generation;
	unsigned failures;
	int locked;            /* locked_until > now */
	char hash[CRED_HASH_MAX];
	char cle_nir[8];
	int test;              /* a fictitious elector of the test vote */
};

/* 1 found, 0 not found, -1 error. */
static int
login_lookup(MYSQL *db, const unsigned char digest[CRED_DIGEST_LEN],
    struct login_row *row, struct err *e)
{
	MYSQL_STMT *st;
	MYSQL_BIND out[7];
	unsigned long hl = 0, nl = 0;
	int rc = -1;

	memset(row, 0, sizeof(*row));
	st = db_query(db, e,
	    "SELECT c.elector_id, c.generation, c.failures,"
	    " COALESCE(c.locked_until > UTC_TIMESTAMP(), 0), c.password_hash, e.cle_nir,"
	    " e.test_elector"
	    " FROM credential c JOIN elector e ON e.id = c.elector_id"
	    " WHERE c.login_digest = ?", "b", digest, (size_t)CRED_DIGEST_LEN);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_LONG, &row->elector_id, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_LONG, &row->generation, 0, NULL);
	db_bind(&out[2], MYSQL_TYPE_LONG, &row->failures, 0, NULL);
	db_bind(&out[3], MYSQL_TYPE_LONG, &row->locked, 0, NULL);
	db_bind(&out[4], MYSQL_TYPE_STRING, row->hash, sizeof(row->hash) - 1, &hl);
	db_bind(&out[5], MYSQL_TYPE_STRING, row->cle_nir, sizeof(row->cle_nir) - 1, &nl);
	db_bind(&out[6], MYSQL_TYPE_LONG, &row->test, 0, NULL);
	if (mysql_stmt_bind_result(st, out) != 0) {
		err_set(e, "connexion : lecture impossible (%s)", mysql_stmt_error(st));
		goto out;
	}
	switch (mysql_stmt_fetch(st)) {
	case 0:
		db_cstr(row->hash, sizeof(row->hash), hl);
		db_cstr(row->cle_nir, sizeof(row->cle_nir), nl);
		rc = 1;
		break;
	case MYSQL_NO_DATA:
		rc = 0;
		break;
	default:
		err_set(e, "connexion : lecture impossible (%s)", mysql_stmt_error(st));
	}
out:
	db_done(st);
	return rc;
}

/* Count a failure and lock the account when the limit is reached, in one
 * statement so that concurrent attempts cannot undercount. */
static int
login_fail(MYSQL *db, const struct login_policy *pol, unsigned elector_id,
    struct err *e)
{
	return db_run(db, e,
	    "UPDATE credential SET locked_until = IF(failures + 1 >= ?,"
	    " UTC_TIMESTAMP() + INTERVAL ? MINUTE, locked_until),"
	    " failures = IF(failures + 1 >= ?, 0, failures + 1)"
	    " WHERE elector_id = ?", "uuuu", pol->max_failures, pol->lock_minutes,
	    pol->max_failures, elector_id) < 0 ? -1 : 0;
}

static int
login_succeed(MYSQL *db, unsigned elector_id, struct err *e)
{
	return db_run(db, e,
	    "UPDATE credential SET failures = 0 WHERE elector_id = ? AND failures <> 0",
	    "u", elector_id) < 0 ? -1 : 0;
}

static void
login_set(struct login_result *res, enum login_outcome o, const char *msg)
{
	res->outcome = o;
	snprintf(res->message, sizeof(res->message), "%s", msg);
}

static void
login_locked(struct login_result *res, const struct login_policy *pol)
{
	res->outcome = LOGIN_LOCKED;
	snprintf(res->message, sizeof(res->message),
	    "Trop d'essais infructueux : votre compte est bloqué pendant %u minutes. "
	    "En cas de besoin, appelez l'assistance au %s.", pol->lock_minutes,
	    pol->hotline);
}

/* Spend the time a real verification would, so that an unknown identifier
 * cannot be told apart from a wrong password by timing. */
static void
login_dummy_verify(const struct login_policy *pol, const char *pw)
{
	static char dummy[CRED_HASH_MAX];
	struct err e;

	if (dummy[0] == '\0')
		cred_hash_password("2345678923456789", &pol->cost, dummy, &e);
	cred_verify_password(dummy, pw, &e);
}

int
login_attempt(MYSQL *db, const struct login_policy *pol, const char *id,
    const char *password, const char *challenge, struct login_result *res,
    struct err *e)
{
	static const char bad[] = "Identifiant, mot de passe ou réponse à la question "
	    "de sécurité incorrect. Vérifiez votre saisie.";
	char nid[CRED_TEXT_MAX], npw[CRED_TEXT_MAX];
	unsigned char digest[CRED_DIGEST_LEN];
	struct login_row row;
	struct err ignored;
	int found, ok;

	memset(res, 0, sizeof(*res));
	login_set(res, LOGIN_BAD, bad);
	if (cred_normalize(id, CRED_ID_SYMBOLS, nid, &ignored) == -1 ||
	    cred_normalize(password, CRED_PW_SYMBOLS, npw, &ignored) == -1)
		return 0; /* cannot exist: no lookup, nothing to count */
	if (cred_login_digest(pol->login_key, sizeof(pol->login_key), nid, digest, e) == -1)
		return -1;
	if ((found = login_lookup(db, digest, &row, e)) == -1)
		return -1;
	if (found == 0) {
		login_dummy_verify(pol, npw);
		return 0;
	}
	if (row.locked) {
		login_locked(res, pol);
		return 0;
	}
	if ((ok = cred_verify_password(row.hash, npw, e)) == -1)
		return -1;
	if (!ok || !cred_challenge_ok(row.cle_nir, challenge)) {
		if (login_fail(db, pol, row.elector_id, e) == -1)
			return -1;
		/* Say so at once when this failure is the one that locks. */
		if (row.failures + 1 >= pol->max_failures)
			login_locked(res, pol);
		return 0;
	}
	if (login_succeed(db, row.elector_id, e) == -1)
		return -1;
	res->elector_id = row.elector_id;
	res->generation = row.generation;
	res->test = row.test != 0;
	login_set(res, LOGIN_OK, "Connexion réussie.");
	return 0;
}

int
login_recheck(MYSQL *db, unsigned elector_id, const char *password, int *ok, struct err *e)
{
	char hash[CRED_HASH_MAX], npw[CRED_TEXT_MAX];
	unsigned long len = 0;
	MYSQL_BIND out[1];
	MYSQL_STMT *st;
	struct err ignored;
	int f;

	*ok = 0;
	st = db_query(db, e, "SELECT password_hash FROM credential WHERE elector_id = ?", "u",
	    elector_id);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_STRING, hash, sizeof(hash) - 1, &len);
	f = mysql_stmt_bind_result(st, out) == 0 ? mysql_stmt_fetch(st) : 1;
	db_done(st);
	if (f == MYSQL_NO_DATA)
		return 0;
	if (f != 0)
		return err_set(e, "connexion : lecture impossible");
	db_cstr(hash, sizeof(hash), len);
	/* a mistyped password (wrong length, look-alikes) is just "no" */
	if (cred_normalize(password, CRED_PW_SYMBOLS, npw, &ignored) == -1)
		return 0;
	f = cred_verify_password(hash, npw, e);
	OPENSSL_cleanse(npw, sizeof(npw));
	if (f == -1)
		return -1;
	*ok = f == 1;
	return 0;
}
