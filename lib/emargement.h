/* emargement.h: the émargement list of a scrutin (R-BUR-6), for the
 * bureau after the closing only: every elector of the scrutin, whether
 * they voted and when (Europe/Paris). It needs the bureau's account: the
 * console's and the web's cannot read the émargement (schema/electors/
 * accounts.sql.in). The export is journaled. */
#ifndef ISOLOIR_EMARGEMENT_H
#define ISOLOIR_EMARGEMENT_H

#include <mysql.h>

#include "err.h"
#include "lifecycle.h"

struct emarg_row {
	char matricule[65], nom[256], prenom[256];
	char etablissement[256], college[256];
	int voted;
	char at[32];            /* "AAAA-MM-JJ HH:MM:SS" UTC, "" when not voted */
};

struct emarg_summary {
	unsigned long inscrits, votants;
	char title[LC_LABEL_MAX]; /* "Siège, Cadres, titulaires, 1er tour" */
};

typedef int (*emarg_fn)(const struct emarg_row *row, void *ctx);

/* 0 once the scrutin is closed (or later, not destroyed); else -1 and
 * the French reason: the list is not exported before the closing. */
int emargement_check_closed(MYSQL *el, unsigned scrutin, struct err *e);
/* Each elector of the scrutin in name order, then the summary; refused
 * (-1, French) before the closing. */
int emargement_list(MYSQL *el, unsigned scrutin, emarg_fn fn, void *ctx,
    struct emarg_summary *sum, struct err *e);

/* The list as PDF to sign and annex to the PV (lib/emarg_pdf.c, in
 * libisopv.a with the PV's page machinery). */
int emargement_pdf(MYSQL *el, unsigned scrutin, const char *pdf, struct emarg_summary *sum,
    struct err *e);

#endif
