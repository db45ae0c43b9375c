/* bureau.h: the bureau de vote's authority: members' personal codes
 * (Argon2id) and the quorum a sensitive action needs (R-BUR-3/4): the
 * president, or the secretary replacing them (recorded), plus at least
 * min_others other members, each with a verified code. Decisions by
 * majority with the president's casting vote (recorded). */
#ifndef ISOLOIR_BUREAU_H
#define ISOLOIR_BUREAU_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>
#include <mysql.h>

#include "credential.h"
#include "err.h"

#define BUREAU_HASH_MAX 128
#define BUREAU_CODE_MIN 8        /* characters of a personal code */
#define BUREAU_CODE_MAX 128
#define BUREAU_MAX_FAILURES 5    /* consecutive refusals before the lock */
#define BUREAU_NAME_MAX 1024     /* "prénom nom" */
#define BUREAU_SUMMARY_MAX 2048
#define BUREAU_MAX_CODES 16

enum bureau_role {
	BUREAU_PRESIDENT,
	BUREAU_SECRETAIRE,
	BUREAU_ASSESSEUR,
	BUREAU_DELEGUE,
};

/* Argon2id cost of a personal code: m = 32 MiB, t = 2, p = 1, about 60 ms
 * per verification on the reference machine (measured 58-60 ms): slow
 * enough to make guessing expensive, quick enough for a 3-code ceremony. */
struct bureau_cost {
	uint32_t t_cost;
	uint32_t m_kib;
	uint32_t lanes;
};
extern const struct bureau_cost bureau_cost_default;

/* Role from/to its SQL name ("president", ...); French label ("président"). */
int bureau_role_parse(const char *s, enum bureau_role *r);
const char *bureau_role_name(enum bureau_role r);
const char *bureau_role_label(enum bureau_role r);

/* Argon2id encoded hash of a personal code (length checked, random salt). */
int bureau_code_hash(const char *code, const struct bureau_cost *cost,
    char out[BUREAU_HASH_MAX], struct err *e);
/* 1 = match, 0 = no match, -1 = malformed hash (e filled). */
int bureau_code_check(const char *encoded, const char *code, struct err *e);

/* A member who typed a code in this ceremony, once it has been verified. */
struct bureau_present {
	unsigned member_id;
	enum bureau_role role;
	char name[BUREAU_NAME_MAX];
};

/* Outcome of a quorum evaluation. */
struct bureau_quorum {
	int chair;             /* index of the chair in the array */
	int by_secretary;      /* the secretary replaced the absent president */
	unsigned others;       /* members besides the chair */
	char summary[BUREAU_SUMMARY_MAX];  /* French, for the journal and PV */
};

/* Pure rule: is a chair present and are there at least min_others other
 * members (each member once)? -1 with a French reason when not. */
int bureau_quorum_eval(const struct bureau_present *p, size_t n,
    unsigned min_others, struct bureau_quorum *q, struct err *e);

/* A decision of the bureau by majority of the members present; on a tie
 * the president's (or replacing secretary's) vote decides. */
struct bureau_decision {
	int adopted;
	int casting_vote_used;
};
void bureau_decide(unsigned pour, unsigned contre, int chair_pour,
    struct bureau_decision *d);

/* A code typed by a member for one action. */
struct bureau_code {
	unsigned member_id;
	const char *code;
};

/* A verified authorisation, handed to the action it allows. */
struct bureau_auth {
	unsigned bureau_id;
	struct bureau_quorum quorum;
};

/* Verify each code against the member's hash (members of bureau_id only),
 * then the quorum. A refusal is journaled (electors journal) naming the
 * members whose code failed; the message shown does not say whose code
 * was wrong (see docs/model.md). action and scrutin_id go in the journal. */
int bureau_authorise(MYSQL *el, unsigned bureau_id, const struct bureau_code *codes,
    size_t n, const char *actor, const char *action, unsigned scrutin_id,
    struct bureau_auth *out, struct err *e);

/* Set (or reset) a member's code; clears the failure count; journaled. */
int bureau_set_code(MYSQL *el, unsigned member_id, const char *code,
    const struct bureau_cost *cost, const char *actor, struct err *e);

/* An observation or a decision of the bureau on a scrutin (R-BUR-7),
 * authorised by its codes, journaled as plain text for the PV's annex. */
int bureau_record(MYSQL *el, unsigned scrutin, const struct bureau_auth *auth, const char *actor,
    int decision, const char *text, struct err *e);

/* Whether the member has set a code. */
int bureau_has_code(MYSQL *el, unsigned member_id, int *has, struct err *e);
/* The console's way to set a code: the first one freely, a later one only
 * with the current code (old), one after a reset only with its token (old
 * then carries the token), so that nobody takes a member's place. */
int bureau_change_code(MYSQL *el, unsigned member_id, const char *old, const char *code,
    const struct bureau_cost *cost, const char *actor, struct err *e);

/* A forgotten or locked code cleared (lib/bureau_reset.c): the member's
 * bureau authorises it with the codes of its president (or secretary)
 * and at least min_others other members, the member's own code never
 * counting; journaled « code_reinitialise » naming who authorised. token
 * gets a one-time reset token (BUREAU_RESET_SYMBOLS symbols, grouped),
 * valid `minutes`, for the bureau to hand to the member: the new code is
 * set only with it (bureau_change_code), never by the operator alone. */
#define BUREAU_RESET_SYMBOLS 16
#define BUREAU_RESET_MIN_MINUTES 5
#define BUREAU_RESET_MAX_MINUTES (7 * 24 * 60)
#define BUREAU_RESET_DEFAULT_MINUTES 60
#define BUREAU_RESET_MAX_FAILURES 5
int bureau_code_reset(MYSQL *el, unsigned member_id, const struct bureau_code *codes,
    size_t n, const char *actor, unsigned minutes, struct bureau_auth *auth,
    char token[CRED_TEXT_MAX], struct err *e);
/* Whether the member's code was cleared by a reset whose token is still
 * to be redeemed (then bureau_change_code wants the token). */
int bureau_reset_pending(MYSQL *el, unsigned member_id, int *pending, struct err *e);
/* 0 if token is the member's pending reset token, unexpired; otherwise a
 * French reason, the refusal journaled and counted (BUREAU_RESET_MAX_FAILURES
 * wrong tokens void it). */
int bureau_reset_redeem(MYSQL *el, unsigned member_id, const char *token,
    const char *actor, struct err *e);

/* The members of a bureau, president first, for the console to ask each
 * one for a code: [{"id","role" (French label),"nom" ("prénom nom")}]. */
json_t *bureau_members(MYSQL *el, unsigned bureau_id, struct err *e);

#endif
