/* lifecycle.h: the states of a scrutin and the only ways between them
 * (R-BUR-2/3/4/8/9): a pure transition table with a French reason for
 * every refusal, and the database operation that applies a transition
 * atomically with its journal entry. The electors database enforces the
 * same table with a trigger (schema/electors/003_model.sql). */
#ifndef ISOLOIR_LIFECYCLE_H
#define ISOLOIR_LIFECYCLE_H

#include <stddef.h>

#include <jansson.h>
#include <mysql.h>

#include "bureau.h"
#include "err.h"

enum lc_state {
	LC_DRAFT,
	LC_LISTS_IMPORTED,
	LC_KEYS_GENERATED,
	LC_TEST_VOTE,
	LC_RESET,
	LC_SEALED,
	LC_OPEN,
	LC_SUSPENDED,
	LC_CLOSED,
	LC_COUNTED,
	LC_SEALED_AFTER_COUNT,
	LC_ARCHIVED,
	LC_DESTROYED,
	LC_STOPPED,
	LC_NSTATES
};

/* Who must allow a transition: nobody beyond the operator, the bureau's
 * quorum of codes, or the quorum unless the system does it at the set
 * time (automatic opening / closing, R-ORG-6). */
enum lc_auth {
	LC_AUTH_NONE,
	LC_AUTH_QUORUM,
	LC_AUTH_QUORUM_OR_AUTO,
};

#define LC_LABEL_MAX 2200

/* SQL name ("sealed") and French label ("scellé"). */
const char *lifecycle_state_name(enum lc_state s);
const char *lifecycle_state_label(enum lc_state s);
/* Parse a SQL name; -1 with a French message listing the states. */
int lifecycle_state_parse(const char *name, enum lc_state *s, struct err *e);
const char *lifecycle_auth_name(enum lc_auth a);

/* Pure rule: may a scrutin go from `from` to `to`, and with what
 * authorisation? label names the scrutin in the message ("Siège, Cadres,
 * titulaires, 1er tour"). On refusal: -1 and e.g. « Le scrutin « … » est
 * « scellé » : impossible de passer à « dépouillé » sans l'ouvrir et le
 * clore. » */
int lifecycle_check(enum lc_state from, enum lc_state to, const char *label,
    enum lc_auth *auth, struct err *e);

/* "Siège, Cadres, titulaires, 1er tour" from the scrutin's parts. */
void lifecycle_label(const char *establishment, const char *college,
    const char *category, unsigned round, char out[LC_LABEL_MAX]);

/* One requested transition. */
struct lifecycle_req {
	unsigned scrutin_id;
	enum lc_state to;
	const char *actor;                /* operator (console account, person) */
	const struct bureau_auth *auth;   /* verified codes, or NULL */
	int automatic;                    /* by the system at the set time */
	const char *note;                 /* reason, advice received, may be NULL */
	const char *advice;               /* prior advice (R-BUR-4), see below */
	const char *authorisation;        /* the organiser's authorisation */
	const char *const *bins;          /* binaries to seal (→ sealed) */
	size_t nbin;
};

/* Apply a transition: lock the scrutin row, check the table, the
 * authorisation (from the bureau with authority over this scrutin) and the
 * preconditions (empty urn and émargement at the reset and the opening,
 * the seal verified at opening, closing and counting; the seal created at
 * sealing), update the state and journal it in the same transaction.
 * urn is needed for the preconditions and seals. A refused seal check is
 * journaled. */
int lifecycle_apply(MYSQL *el, MYSQL *urn, const struct lifecycle_req *r,
    struct err *e);

/* "Siège, Cadres, titulaires, 1er tour" of a scrutin, from the database. */
int lifecycle_describe(MYSQL *el, unsigned scrutin_id, char label[LC_LABEL_MAX], struct err *e);

/* R-BUR-4: a suspension, a resumption, an early stop (suspended → closed)
 * and an arrêt of a sealed, open or suspended scrutin record the prior
 * advice received and the organiser's authorisation: 1 when the bureau's
 * from → to needs them (never for the system's own automatic steps). */
int lifecycle_needs_reasons(enum lc_state from, enum lc_state to);

/* Current state of a scrutin. */
int lifecycle_state_of(MYSQL *el, unsigned scrutin_id, enum lc_state *s,
    struct err *e);
/* Every scrutin, by id: [{"id","scrutin" (label),"etat","libelle_etat",
 * "bureau" (null when none)}]. New reference, NULL with e filled. */
json_t *lifecycle_list(MYSQL *el, struct err *e);

/* The bureau whose codes a transition of this scrutin needs: the bureau
 * centralisateur for sealing and counting when the operation has one, the
 * scrutin's own bureau otherwise. */
int lifecycle_authority(MYSQL *el, unsigned scrutin_id, enum lc_state to,
    unsigned *bureau_id, struct err *e);

#endif
