/* login.h: an elector's login (R-AUTH-2/3/5): identifier + password +
 * challenge, per-account failure counting and lockout. The error never says
 * which of the three fields was wrong, and an unknown identifier costs the
 * same time as a wrong password (no account enumeration). */
#ifndef ISOLOIR_LOGIN_H
#define ISOLOIR_LOGIN_H

#include <stdint.h>

#include <mysql.h>

#include "credential.h"
#include "err.h"

struct login_policy {
	unsigned max_failures;     /* failures before lockout, e.g. 5 */
	unsigned lock_minutes;     /* lockout length, e.g. 15 */
	const char *hotline;       /* shown in the lockout message */
	unsigned char login_key[32];
	struct cred_cost cost;
};

enum login_outcome {
	LOGIN_OK,
	LOGIN_BAD,        /* wrong identifier, password or challenge */
	LOGIN_LOCKED,     /* too many failures: wait or call the hotline */
};

struct login_result {
	enum login_outcome outcome;
	uint32_t elector_id;
	uint32_t generation;
	int test;           /* a test elector (R-BUR-2) */
	char message[256];  /* French, for the elector */
};

/* Check the typed identifier, password and challenge answer against the
 * electors database. -1 only on a system error (database down...). */
int login_attempt(MYSQL *db, const struct login_policy *pol, const char *id,
    const char *password, const char *challenge, struct login_result *res,
    struct err *e);

/* R-VOTE-4: the password typed again at the confirmation of a vote,
 * checked against the elector's credential. *ok 1 when it matches. */
int login_recheck(MYSQL *db, unsigned elector_id, const char *password, int *ok,
    struct err *e);

#endif
