/* observer.h: observer accounts (R-AUTH-7): délégués de liste, union
 * delegates, huissier, expert. Personal credentials made like the
 * electors' (random identifier found by keyed digest, Argon2id password),
 * scoped to scrutins, read-only, revocable; what they may see is the
 * turnout of their scrutins (turnout.h), never a partial result nor who
 * voted (R-BUR-5, R-BUR-6). */
#ifndef ISOLOIR_OBSERVER_H
#define ISOLOIR_OBSERVER_H

#include <stddef.h>

#include <jansson.h>
#include <mysql.h>

#include "credential.h"
#include "err.h"
#include "login.h"

#define OBSERVER_MAX_SCRUTINS 64

/* One new observer; kind is "delegue_liste", "delegue_syndical",
 * "huissier" or "expert". */
struct observer_new {
	const char *kind, *nom, *prenom;
	unsigned scrutins[OBSERVER_MAX_SCRUTINS];
	size_t nscrutins;
};

/* The French label of a kind ("Délégué de liste"...), NULL if unknown. */
const char *observer_kind_label(const char *kind);
/* Create the account with fresh credentials (returned once in ident and
 * pw, grouped form; the caller wipes pw); journaled. Every scrutin must
 * exist and belong to one operation. */
int observer_add(MYSQL *el, const struct observer_new *o,
    const unsigned char login_key[32], const char *actor, unsigned *id,
    char ident[CRED_TEXT_MAX], char pw[CRED_TEXT_MAX], struct err *e);
/* Revoke at once (logins and open sessions); journaled. */
int observer_revoke(MYSQL *el, unsigned id, const char *actor, struct err *e);
/* [{"id","qualite","nom","prenom","scrutins":[..],"revoque":bool}] */
json_t *observer_list(MYSQL *el, struct err *e);

/* Login with identifier and password (no challenge), the electors' rules:
 * one generic error, lockout after pol->max_failures. res->elector_id
 * holds the observer's id. -1 only on a system error. */
int observer_login(MYSQL *db, const struct login_policy *pol, const char *id,
    const char *password, struct login_result *res, struct err *e);
/* *active 1 when the account exists and is not revoked. */
int observer_active(MYSQL *db, unsigned id, int *active, struct err *e);
/* *yes 1 when the observer watches this scrutin. */
int observer_scoped(
    MYSQL *db, unsigned id, unsigned scrutin, int *yes, struct err *e);
/* {"prenom","nom","qualite"} of an observer, NULL on error. */
json_t *observer_identity(MYSQL *db, unsigned id, struct err *e);

#endif
