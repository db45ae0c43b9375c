/* recover.h: self-service password retrieval (R-AUTH-6), by email: the
 * elector gives the identifier and the challenge's answer; when they match,
 * an address is known and a scrutin is left to vote in, a new password is
 * made, the old one and its sessions stop working, and the password waits
 * for isoloir-mailer (schema 020, procedure credential_recover). The caller
 * answers the same words whatever happened (no account enumeration); the
 * outcome is for the journal and the tests. */
#ifndef ISOLOIR_RECOVER_H
#define ISOLOIR_RECOVER_H

#include <mysql.h>

#include "err.h"
#include "login.h"
#include "operation.h"

enum recover_outcome {
	RECOVER_SENT,
	RECOVER_UNKNOWN, /* no such identifier (or not one at all) */
	RECOVER_LOCKED,
	RECOVER_CHALLENGE, /* wrong answer: counted as a failed login */
	RECOVER_NO_ADDRESS,
	RECOVER_TOO_SOON, /* one retrieval per 15 minutes */
	RECOVER_VOTED,    /* nothing left to vote in */
	RECOVER_TEST,     /* a test elector */
};

enum recover_offer {
	RECOVER_OFFERED,
	RECOVER_OFF,    /* the operation's setting mot_de_passe_oublie is off */
	RECOVER_CLOSED, /* the grace period or after: no new login, no retrieval
	                 */
};

/* Whether the operation offers retrieval at `now`; *why the French words
 * when it does not. -1 on a database error. */
int recover_offered(MYSQL *db, const struct operation *op, int64_t now,
    enum recover_offer *o, const char **why, struct err *e);

/* The words every request gets back. */
extern const char recover_answer[];

/* Time spent is the same for every outcome (one Argon2id hash always). -1
 * only on a system error. */
int recover_password(MYSQL *db, const struct login_policy *pol,
    const char *identifier, const char *challenge, enum recover_outcome *out,
    struct err *e);

#endif
