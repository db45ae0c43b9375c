/* pv_copy.h: the copies of each proclaimed PV and when they were sent
 * (R-RES-3): to the Direction, to each union that filed a list in that
 * scrutin, for posting (affichage) and to the labour administration
 * (DREETS, Cerfa télé-procédure; due within 15 days of the proclamation).
 * The console lists what is due or sent, records a sending (journaled)
 * and prints the « bordereau d'envoi » (pv_copy_pdf.c). */
#ifndef ISOLOIR_PV_COPY_H
#define ISOLOIR_PV_COPY_H

#include <mysql.h>

#include "err.h"

#define PV_COPY_ADMIN_DAYS 15

struct pv_copy_row {
	unsigned scrutin;
	char scrutin_label[320];
	char recipient[256];
	const char *kind;              /* "direction", "syndicat", "affichage", "administration" */
	char proclaimed[16];           /* AAAA-MM-JJ */
	char due[16];                  /* AAAA-MM-JJ for the administration, "" otherwise */
	char sent_on[16];              /* "" while not sent */
	char means[256];
};

typedef int (*pv_copy_fn)(const struct pv_copy_row *r, void *ctx);

/* Every copy due for the proclaimed scrutins of an operation (scrutin 0)
 * or of one scrutin (operation 0: any), sent or not, in scrutin then recipient order. */
int pv_copies_list(MYSQL *el, unsigned operation, unsigned scrutin, pv_copy_fn fn, void *ctx,
    struct err *e);
/* Record that the PV(s) went to `to` (a recipient as listed, case
 * ignored) on date (AAAA-MM-JJ, not before the proclamation nor in the
 * future) by means; for one scrutin or every proclaimed scrutin of the
 * operation where `to` is due. *count gets how many were recorded. */
int pv_copy_sent(MYSQL *el, unsigned operation, unsigned scrutin, const char *to,
    const char *date, const char *means, const char *actor, int *count, struct err *e);
/* The « bordereau d'envoi des procès-verbaux » (PDF). */
int pv_copies_pdf(MYSQL *el, unsigned operation, const char *pdf, struct err *e);

#endif
