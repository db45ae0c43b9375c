/* bureau_reset.c: a member who forgot their personal code (or whose code
 * is locked after too many refusals) gets it cleared by their bureau: the
 * president, or the secretary replacing them, and at least min_others
 * other members authorise it with their own codes. The reset gives a
 * one-time token, shown once for the bureau to hand to the member, valid
 * a limited time; only the member holding it sets the new code
 * (bureau_change_code), so that the console's operator cannot put a code
 * of their own in the member's place between the reset and the member's
 * new code. Every step is journaled, which is how the bureau is told
 * (R-BUR-3, R-BUR-7). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>
#include <openssl/sha.h>

#include "bureau.h"
#include "credential.h"
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
	db_done(st);
	if (f == MYSQL_NO_DATA)
		return err_set(e, "Membre du bureau n° %u inconnu.", member_id);
	if (f != 0 && f != MYSQL_DATA_TRUNCATED)
		return err_set(
		    e, "base des électeurs : lecture du membre impossible");
	db_cstr(role, rcap, lr);
	db_cstr(name, ncap, ln);
	return 0;
}

/* SHA-256 of the token in its canonical form; -1 if it cannot be one. */
static int
bureau_token_digest(const char *token, unsigned char md[SHA256_DIGEST_LENGTH],
    struct err *e)
{
	char norm[CRED_TEXT_MAX];

	if (cred_normalize(token, BUREAU_RESET_SYMBOLS, norm, e) == -1)
		return -1;
	SHA256((const unsigned char *)norm, strlen(norm), md);
	OPENSSL_cleanse(norm, sizeof(norm));
	return 0;
}

int
bureau_code_reset(MYSQL *el, unsigned member_id,
    const struct bureau_code *codes, size_t n, const char *actor,
    unsigned minutes, struct bureau_auth *auth, char token[CRED_TEXT_MAX],
    struct err *e)
{
	char role[16], name[BUREAU_NAME_MAX];
	unsigned char md[SHA256_DIGEST_LENGTH];
	enum bureau_role r;
	unsigned bureau_id = 0;
	int rc = -1;

	if (minutes < BUREAU_RESET_MIN_MINUTES || minutes > BUREAU_RESET_MAX_MINUTES)
		return err_set(e, "Durée de validité du jeton invalide (%u min) : de %d à %d "
		    "minutes.", minutes, BUREAU_RESET_MIN_MINUTES, BUREAU_RESET_MAX_MINUTES);

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
	if (cred_generate(token, BUREAU_RESET_SYMBOLS, e) == -1 ||
	    bureau_token_digest(token, md, e) == -1)
		goto out;
	if (db_exec(el, "START TRANSACTION", e) == -1)
		goto out;
	if (db_run(el, e,
	        "UPDATE bureau_member SET code_hash = NULL, code_failures = 0,"
	        " code_set_at = NULL, reset_token_hash = ?, reset_failures = 0,"
	        " reset_expires_at = UTC_TIMESTAMP(6) + INTERVAL ? MINUTE"
	        " WHERE id = ?",
	        "buu", md, sizeof(md), minutes, member_id) == -1 ||
	    journal_append_json_tx(el, actor, "code_reinitialise", 0,
	        json_pack("{s:I, s:I, s:s, s:s, s:s, s:I}", "bureau",
	            (json_int_t)bureau_id, "membre", (json_int_t)member_id,
	            "role",
	            bureau_role_parse(role, &r) == 0 ? bureau_role_label(r)
	                                             : role,
	            "nom", name, "autorise_par", auth->quorum.summary,
	            "jeton_valable_minutes", (json_int_t)minutes),
	        e) == -1 ||
	    db_exec(el, "COMMIT", e) == -1) {
		db_exec(el, "ROLLBACK", NULL);
		goto out;
	}
	rc = 0;
out:
	if (rc == -1)
		OPENSSL_cleanse(token, CRED_TEXT_MAX);
	return rc;
}

/* Journal a refused token outside any transaction: the refusal stays. */
static void
bureau_token_refused(MYSQL *el, const char *actor, unsigned member_id,
    const char *why)
{
	char detail[128];
	struct err ignored;

	snprintf(detail, sizeof(detail), "{\"membre\":%u,\"motif\":\"%s\"}", member_id, why);
	journal_append(el, actor, "code_jeton_refuse", 0, detail, NULL, &ignored);
}

int
bureau_reset_pending(MYSQL *el, unsigned member_id, int *pending, struct err *e)
{
	long long n = 0;
	int f = db_fetch_int(db_query(el, e, "SELECT code_hash IS NULL AND reset_token_hash IS NOT"
	    " NULL FROM bureau_member WHERE id = ?", "u", member_id), &n, e);

	if (f == 0)
		return err_set(e, "Membre du bureau n° %u inconnu.", member_id);
	if (f == -1)
		return -1;
	*pending = n != 0;
	return 0;
}

int
bureau_reset_redeem(MYSQL *el, unsigned member_id, const char *token,
    const char *actor, struct err *e)
{
	unsigned char md[SHA256_DIGEST_LENGTH];
	long long state = 0;
	struct err ignored;

	/* 0 no token, 1 expired, 2 wrong, 3 right (constant-time enough:
	 * the digest of an 80-bit token is compared, not the token) */
	if (token == NULL || bureau_token_digest(token, md, &ignored) == -1)
		memset(md, 0, sizeof(md));
	if (db_fetch_int(db_query(el, e, "SELECT CASE WHEN reset_token_hash IS NULL THEN 0"
	    " WHEN reset_expires_at < UTC_TIMESTAMP(6) THEN 1 WHEN reset_token_hash <> ? THEN 2"
	    " ELSE 3 END FROM bureau_member WHERE id = ?", "bu", md, sizeof(md),
	    member_id), &state, e) == -1)
		return -1;
	if (state == 3)
		return 0;
	if (state == 0)
		return err_set(e, "Aucun jeton de réinitialisation en cours pour le membre n° %u.",
		    member_id);
	if (state == 1) {
		bureau_token_refused(el, actor, member_id, "jeton expiré");
		return err_set(e, "Jeton de réinitialisation expiré : le bureau réinitialise de "
		    "nouveau le code (bureau code-reset) ; rien n'a changé.");
	}
	/* a wrong token: counted; the last allowed one voids it */
	if (db_run(el, e, "UPDATE bureau_member SET reset_failures = reset_failures + 1,"
	    " reset_expires_at = IF(reset_failures >= ?, UTC_TIMESTAMP(6) - INTERVAL 1 SECOND,"
	    " reset_expires_at) WHERE id = ?", "uu", BUREAU_RESET_MAX_FAILURES, member_id) == -1)
		return -1;
	bureau_token_refused(el, actor, member_id, "jeton incorrect");
	return err_set(e, "Jeton de réinitialisation incorrect : rien n'a changé (après %d "
	    "erreurs le jeton ne vaut plus).", BUREAU_RESET_MAX_FAILURES);
}
