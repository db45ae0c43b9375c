/* recover.h: self-service password retrieval (R-AUTH-6), by email or by
 * SMS: the elector gives the identifier and the challenge's answer and
 * picks the channel (and, when the operation allows it, types a mobile
 * number); when they match, an address or a mobile number is known and a
 * scrutin is left to vote in, a new password is made, the old one and its
 * sessions stop working, and the password waits for isoloir-mailer
 * (schema 021, procedure credential_recover). The caller answers the same
 * words whatever happened (no account enumeration); the outcome is for the
 * journal and the tests. */
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
	RECOVER_NO_ADDRESS, /* by email: no address in the list */
	RECOVER_NO_MOBILE,  /* by SMS: no mobile number in the list */
	RECOVER_TYPED_OFF,  /* a typed number while mobile_saisi is off */
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

enum recover_channel { RECOVER_EMAIL, RECOVER_SMS };

struct recover_request {
	const char *identifier, *challenge;
	enum recover_channel channel;
	/* by SMS, the number the elector typed, E.164 (phone_mobile_fr); NULL
	 * for the number of the electors list */
	const char *typed;
};

/* Whether the elector may type the mobile number (setting mobile_saisi);
 * -1 on a database error. */
int recover_typed_offered(
    MYSQL *db, const struct operation *op, int *on, struct err *e);

/* The words every request of this channel gets back, whatever happened. */
const char *recover_answer(const struct recover_request *rq);

/* Time spent is the same for every outcome (one Argon2id hash always). -1
 * only on a system error. */
int recover_password(MYSQL *db, const struct login_policy *pol,
    const struct recover_request *rq, enum recover_outcome *out,
    struct err *e);

#endif
