/* destroy.h: the end of an election's data (R-BUR-9, R-OPS-5): the
 * recourse period after the last proclamation (operation setting
 * delai_recours_jours, 15 days by default), extended by a dispute until its
 * final decision is recorded; then, with the bureau's codes, destruction in
 * order: 1 the electors file and the credentials, 2 the émargement, 3 the
 * urn's ballots. Each step is fingerprinted just before (SHA-256 of its
 * rows, recorded) and journaled; an interrupted run (kill -9) resumes at
 * the step it stopped at, and the status always says a destruction is
 * unfinished. The PV, results, journal, seals and public board are kept
 * (docs/operations.md, "Destroy"). */
#ifndef ISOLOIR_DESTROY_H
#define ISOLOIR_DESTROY_H

#include <mysql.h>

#include "bureau.h"
#include "err.h"

#define DESTROY_STEPS 3
#define DESTROY_RECOURSE_DAYS 15

struct destroy_step {
	char what[128];                /* French, for the console and the certificate */
	long long rows;
	char sha[65];
	char fingerprinted_at[32], destroyed_at[32];  /* UTC, "" when not yet */
	int recorded, done;
};

struct destroy_status {
	char name[256], code[64];
	int recourse_days;
	char last_proclaimed[32];      /* UTC, "" when nothing is proclaimed */
	char deadline[32];             /* end of the recourse period, UTC */
	long long unproclaimed;        /* scrutins with lists not proclaimed */
	long long disputes, disputes_open;
	int past_deadline;
	struct destroy_step steps[DESTROY_STEPS];
};

/* Where the operation stands. */
int destroy_status(MYSQL *el, unsigned op, struct destroy_status *st, struct err *e);
/* Whether destruction may start now: 0, or -1 with the reason in French. */
int destroy_allowed(const struct destroy_status *st, struct err *e);
/* The one bureau of the operation's scrutins (0 in *bureau when they have
 * several: the caller names one, checked to be of this operation). */
int destroy_bureau(MYSQL *el, unsigned op, unsigned *bureau, struct err *e);
/* The bureau named for a decision on the whole operation: one of its
 * bureaux, and its bureau centralisateur when it has one; -1 with the
 * reason in French otherwise. */
int destroy_bureau_check(MYSQL *el, unsigned op, unsigned bureau, struct err *e);

/* A dispute filed (open) or its final decision recorded (close), with
 * the bureau's codes; journaled. No dispute once destruction started. */
int destroy_dispute(MYSQL *el, unsigned op, int open, const char *text,
    const struct bureau_auth *auth, const char *actor, struct err *e);

/* Each step done (or found already done) is told to note. */
typedef void (*destroy_note_fn)(const char *msg, void *ctx);
/* Run (or resume) the destruction. */
int destroy_run(MYSQL *el, MYSQL *urn, unsigned op, const struct bureau_auth *auth,
    const char *actor, destroy_note_fn note, void *ctx, struct err *e);

/* The « certificat de destruction » (PDF) of a finished destruction
 * (destroy_pdf.c, in libisopv). */
int destroy_certificate_pdf(MYSQL *el, unsigned op, const char *pdf, struct err *e);

#endif
