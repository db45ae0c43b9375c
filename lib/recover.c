/* recover.c: self-service password retrieval (see recover.h). The checks
 * that matter are in the definer procedure credential_recover, so that the
 * web account can never write a password hash of its choosing for an
 * identifier and a challenge it does not know, nor send a password to a
 * number the operation does not let electors type; this file prepares the
 * new password, counts a wrong answer as a failed login and journals. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>

#include "db.h"
#include "journal.h"
#include "recover.h"

/* One answer per channel: it depends on what the elector asked, never on
 * what happened. */
static const char recover_answer_email[] =
    "Si ces informations correspondent à un électeur dont l'adresse "
    "électronique est connue et qui a encore un vote à faire, un nouveau "
    "mot de passe vient de lui être envoyé par courriel ; l'ancien ne "
    "fonctionne plus. Sinon, appelez l'assistance.";
static const char recover_answer_sms[] =
    "Si ces informations correspondent à un électeur dont le numéro de "
    "mobile est connu et qui a encore un vote à faire, un nouveau mot de "
    "passe vient de lui être envoyé par SMS ; l'ancien ne fonctionne plus. "
    "Sinon, appelez l'assistance.";
static const char recover_answer_typed[] =
    "Si ces informations correspondent à un électeur qui a encore un vote "
    "à faire, un nouveau mot de passe vient d'être envoyé par SMS au numéro "
    "indiqué ; l'ancien ne fonctionne plus. Sinon, appelez l'assistance.";

static const struct {
	const char *name;
	enum recover_outcome o;
	const char *why; /* for the journal */
} recover_outcomes[] = {
    {"sent", RECOVER_SENT, "nouveau mot de passe envoyé par courriel"},
    {"unknown", RECOVER_UNKNOWN, ""},
    {"locked", RECOVER_LOCKED, "compte bloqué"},
    {"challenge", RECOVER_CHALLENGE,
        "réponse à la question de sécurité fausse"},
    {"no_address", RECOVER_NO_ADDRESS, "pas d'adresse électronique"},
    {"no_mobile", RECOVER_NO_MOBILE,
        "pas de numéro de mobile dans la liste électorale"},
    {"typed_off", RECOVER_TYPED_OFF,
        "numéro saisi refusé (réglage mobile_saisi non activé)"},
    {"too_soon", RECOVER_TOO_SOON, "déjà demandé il y a moins de 15 minutes"},
    {"voted", RECOVER_VOTED, "a déjà voté à tous ses scrutins"},
    {"test", RECOVER_TEST, "électeur de test"},
};

const char *
recover_answer(const struct recover_request *rq)
{
	if (rq->channel == RECOVER_EMAIL)
		return recover_answer_email;
	return rq->typed != NULL ? recover_answer_typed : recover_answer_sms;
}

int
recover_typed_offered(
    MYSQL *db, const struct operation *op, int *on, struct err *e)
{
	return operation_setting(db, op->id, "mobile_saisi", on, e);
}

int
recover_offered(MYSQL *db, const struct operation *op, int64_t now,
    enum recover_offer *o, const char **why, struct err *e)
{
	enum calendar_phase phase = calendar_phase(&op->cal, now);
	int on;

	*why = NULL;
	if (operation_setting(db, op->id, "mot_de_passe_oublie", &on, e) == -1)
		return -1;
	if (!on) {
		*o = RECOVER_OFF;
		*why = "Ce service n'est pas proposé : appelez l'assistance.";
	} else if (phase >= CAL_GRACE) {
		*o = RECOVER_CLOSED;
		*why = calendar_phase_fr(phase);
	} else {
		*o = RECOVER_OFFERED;
	}
	return 0;
}

/* The procedure's answer: @recover_outcome, @recover_elector. */
static int
recover_read(MYSQL *db, enum recover_outcome *out, unsigned *elector,
    const char **why, struct err *e)
{
	char name[32] = "";
	unsigned long len = 0;
	my_bool null_el = 1;
	MYSQL_BIND res[2];
	MYSQL_STMT *st;
	int f;

	st = db_query(db, e, "SELECT @recover_outcome, @recover_elector", "");
	if (st == NULL)
		return -1;
	db_bind(&res[0], MYSQL_TYPE_STRING, name, sizeof(name) - 1, &len);
	db_bind(&res[1], MYSQL_TYPE_LONG, elector, 0, NULL);
	res[1].is_unsigned = 1;
	res[1].is_null = &null_el;
	f = mysql_stmt_bind_result(st, res) == 0 ? mysql_stmt_fetch(st) : 1;
	db_done(st);
	if (f != 0)
		return err_set(e, "base des électeurs : récupération du mot de "
		                  "passe illisible");
	db_cstr(name, sizeof(name), len);
	if (null_el)
		*elector = 0;
	for (size_t i = 0;
	     i < sizeof(recover_outcomes) / sizeof(*recover_outcomes); i++)
		if (strcmp(recover_outcomes[i].name, name) == 0) {
			*out = recover_outcomes[i].o;
			*why = recover_outcomes[i].why;
			return 0;
		}
	return err_set(e,
	    "récupération du mot de passe : réponse inattendue « %s »", name);
}

/* What the bureau reads (R-BUR-7): the outcome, the channel, and the
 * number the elector typed, if any; never the password. */
static void
recover_detail(char *d, size_t cap, unsigned elector,
    const struct recover_request *rq, enum recover_outcome out,
    const char *why)
{
	int n;

	if (out == RECOVER_SENT && rq->channel == RECOVER_SMS)
		why = rq->typed != NULL
		          ? "nouveau mot de passe envoyé par SMS"
		          : "nouveau mot de passe envoyé par SMS au numéro de "
		            "la liste électorale";
	n = snprintf(d, cap, "électeur %u : %s", elector, why);
	if (rq->typed != NULL && n > 0 && (size_t)n < cap)
		snprintf(d + n, cap - (size_t)n, " (numéro saisi %s)", rq->typed);
}

/* The procedure's call; its answer in *out, *elector. */
static int
recover_call(MYSQL *db, const unsigned char *digest, const char *hash,
    const char *pw, const struct recover_request *rq,
    enum recover_outcome *out, unsigned *elector, const char **why,
    struct err *e)
{
	const char *channel = rq->channel == RECOVER_SMS ? "sms" : "courriel";

	if (db_run(db, e,
	        "CALL credential_recover(?, ?, ?, ?, ?, NULLIF(?, ''), "
	        "@recover_outcome, @recover_elector)",
	        "bsssss", digest, (size_t)CRED_DIGEST_LEN, rq->challenge, hash,
	        pw, channel, rq->typed != NULL ? rq->typed : "") == -1)
		return -1;
	return recover_read(db, out, elector, why, e);
}

int
recover_password(MYSQL *db, const struct login_policy *pol,
    const struct recover_request *rq, enum recover_outcome *out,
    struct err *e)
{
	char nid[CRED_TEXT_MAX], pw[CRED_TEXT_MAX], npw[CRED_TEXT_MAX],
	    hash[CRED_HASH_MAX];
	char detail[256];
	unsigned char digest[CRED_DIGEST_LEN];
	unsigned elector = 0;
	const char *why = "";
	struct err ignored;
	int valid, rc = -1;

	*out = RECOVER_UNKNOWN;
	/* the new password and its hash first, whatever comes next: every
	 * request costs the same time */
	if (cred_generate(pw, CRED_PW_SYMBOLS, e) == -1 ||
	    cred_normalize(pw, CRED_PW_SYMBOLS, npw, e) == -1 ||
	    cred_hash_password(npw, &pol->cost, hash, e) == -1)
		goto out;
	valid = cred_normalize(rq->identifier, CRED_ID_SYMBOLS, nid,
	            &ignored) == 0 &&
	        strlen(rq->challenge) <= 8 &&
	        (rq->typed == NULL || strlen(rq->typed) < 16);
	if (!valid) {
		rc = 0; /* cannot exist: nothing to look up, nothing to count */
		goto out;
	}
	if (cred_login_digest(
	        pol->login_key, sizeof(pol->login_key), nid, digest, e) == -1 ||
	    db_exec(db, "START TRANSACTION", e) == -1)
		goto out;
	if (recover_call(db, digest, hash, pw, rq, out, &elector, &why, e) ==
	    -1)
		goto fail;
	/* a wrong answer counts like a failed login (R-AUTH-5: lockout) */
	if (*out == RECOVER_CHALLENGE &&
	    db_run(db, e,
	        "UPDATE credential SET locked_until = IF(failures + 1 >= ?,"
	        " UTC_TIMESTAMP() + INTERVAL ? MINUTE, locked_until),"
	        " failures = IF(failures + 1 >= ?, 0, failures + 1) WHERE "
	        "elector_id = ?",
	        "uuuu", pol->max_failures, pol->lock_minutes, pol->max_failures,
	        elector) < 0)
		goto fail;
	/* the bureau sees every request about a known elector (R-BUR-7) */
	if (elector != 0) {
		recover_detail(detail, sizeof(detail), elector, rq, *out, why);
		if (journal_append_tx(db, "web",
		        *out == RECOVER_SENT ? "password_recovery"
		                             : "password_recovery_refused",
		        0, detail, NULL, e) == -1)
			goto fail;
	}
	if (mysql_commit(db) != 0) {
		err_set(e, "base des électeurs : enregistrement impossible");
		goto fail;
	}
	rc = 0;
	goto out;
fail:
	mysql_rollback(db);
	*out = RECOVER_UNKNOWN;
out:
	OPENSSL_cleanse(pw, sizeof(pw));
	OPENSSL_cleanse(npw, sizeof(npw));
	return rc;
}
