/* ceremony.h: the bureau's ceremonies (R-BUR-10): the sealing meeting
 * (réunion de scellement), the opening, the closing and the counting of a
 * scrutin, each an ordered checklist. A step is a check the system makes
 * itself (lists in drawn order, keys and fingerprint F, test vote
 * « conformes », urn and émargement empty, seal, journal chain), an action
 * it performs with the bureau's codes (seal, open, close, count) or a
 * statement a member present confirms. Steps are done once, in order; each
 * is stored with its result and time and journaled; a refused step leaves
 * the checklist where it was, with its French reason, journaled too.
 * The pure rules (which steps, in which order, from which state) are
 * separate from the database part so that they are unit tested. */
#ifndef ISOLOIR_CEREMONY_H
#define ISOLOIR_CEREMONY_H

#include <stddef.h>

#include <jansson.h>
#include <mysql.h>

#include "bureau.h"
#include "err.h"
#include "lifecycle.h"

enum cer_kind {
	CER_SEALING,
	CER_OPENING,
	CER_CLOSING,
	CER_COUNTING,
	CER_NKINDS
};

enum cer_how {
	CER_CHECK,     /* the system checks by itself */
	CER_STATEMENT, /* a member present confirms */
	CER_ACTION,    /* the system acts, with the bureau's codes */
};

struct cer_step_def {
	const char *key;   /* "vote_blanc": how the console names it */
	const char *label; /* French, in the checklist and the record */
	enum cer_how how;
};

#define CER_MAX_PRESENT 32
#define CER_RESULT_MAX 2048

/* SQL name ("sealing"); French name ("réunion de scellement"). */
const char *ceremony_kind_name(enum cer_kind k);
const char *ceremony_kind_label(enum cer_kind k);
/* The record's title: the sealing meeting's record is the « Procès-verbal
 * de scellement provisoire » until the seal is made (complete 0). */
const char *ceremony_kind_title(enum cer_kind k, int complete);
/* "sealing" or "scellement", "opening"/"ouverture", "closing"/"cloture"
 * (or "clôture"), "counting"/"depouillement" (or "dépouillement"). */
int ceremony_kind_parse(const char *s, enum cer_kind *k, struct err *e);
/* The checklist of a kind, in order. */
const struct cer_step_def *ceremony_steps(enum cer_kind k, size_t *n);
const char *ceremony_how_label(enum cer_how h);

/* Pure rule: with `done` steps done, may step `key` be done now? Its
 * index on success; -1 with e.g. « L'étape « Remise à zéro » ne peut pas
 * être faite avant « Vote à blanc conforme ». », « … est déjà faite. »,
 * « étape inconnue ». */
int ceremony_order_check(enum cer_kind k, size_t done, const char *key,
    size_t *index, struct err *e);
/* Pure rule: may a ceremony of kind k start with the scrutin in state s? */
int ceremony_start_check(
    enum cer_kind k, enum lc_state s, const char *label, struct err *e);

/* ------------------------------------------------------------ database */

struct cer_present {
	const char *nom;  /* "Jean Dupont" */
	const char *role; /* "président", "délégué CGT", "expert"... */
};

/* Start a ceremony of a scrutin with those present (at least one); an
 * unfinished ceremony of the same kind must not exist. Journaled. */
int ceremony_start(MYSQL *el, unsigned scrutin, enum cer_kind k,
    const struct cer_present *p, size_t np, const char *actor, unsigned *id,
    struct err *e);
/* The latest ceremony of that kind for the scrutin (0 when none). */
int ceremony_find(
    MYSQL *el, unsigned scrutin, enum cer_kind k, unsigned *id, struct err *e);

/* One step asked for. */
struct cer_step_req {
	unsigned ceremony;
	const char *key;
	const char *confirmed_by;       /* statements: one of those present */
	const struct bureau_auth *auth; /* actions: verified codes, or NULL */
	const char *note;               /* may be NULL */
	const char *advice;             /* R-BUR-4: closing a suspended */
	const char *authorisation;      /* scrutin (early stop), or NULL */
	const char *const *bins;        /* the seal's program binaries */
	size_t nbin;
};

/* Do the step: order, then the check, action or statement, then store
 * and journal it. result gets what was found (French). urn is needed by
 * the checks of urn, seal and state changes. */
int ceremony_step(MYSQL *el, MYSQL *urn, const struct cer_step_req *r,
    const char *actor, char result[CER_RESULT_MAX], struct err *e);
/* The bureau whose codes an action step needs (0 when the step is not an
 * action): the lifecycle's authority for the state it moves to; scrutin
 * (may be NULL) gets the ceremony's scrutin. */
int ceremony_step_authority(MYSQL *el, unsigned ceremony, const char *key,
    unsigned *bureau, unsigned *scrutin, struct err *e);

/* Everything a checklist screen or a record shows:
 * {"id","scrutin","libelle","genre","titre","etat","operation",
 *  "debut","fin"|null,"presents":[{"nom","role"}],
 *  "etapes":[{"cle","libelle","nature","faite","heure","resultat",
 *  "confirme_par"}], "prochaine": key or null, "faites": n}
 * Times are UTC "AAAA-MM-JJ HH:MM:SS". New reference, NULL with e. */
json_t *ceremony_status(MYSQL *el, unsigned ceremony, struct err *e);

/* The record as PDF (lib/ceremony_pdf.c, in libisopv.a): title,
 * operation, scrutin, times in Europe/Paris, those present, each step
 * with its time and result, the sealing meeting's lists and test vote
 * comparison, the fingerprints (seal, F, journal heads), signature boxes.
 * Several ceremonies of one kind at the same point (a meeting over several
 * scrutins) make one record, each scrutin's part on its own pages.
 * title gets the record's title, sha256 the file's SHA-256 (hex), which
 * is journaled ("ceremonie_pv") so that the signed paper can be matched
 * with what the system printed. */
int ceremony_pdf(MYSQL *el, MYSQL *urn, const unsigned *ids, size_t n,
    const char *pdf, const char *actor, char *title, size_t cap,
    char sha256[65], struct err *e);

#endif
