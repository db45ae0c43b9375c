/* import_electors.h: validation of the electors file (R-DATA-1,
 * requirements.md "Import formats"): header mapping (case- and
 * accent-insensitive), every field checked, every error of every line
 * reported as "ligne L, colonne C : raison", duplicates found with a hash
 * set, bounded memory. All or nothing: the caller keeps the rows only when
 * the report has no error (the database import does it in one transaction). */
#ifndef ISOLOIR_IMPORT_ELECTORS_H
#define ISOLOIR_IMPORT_ELECTORS_H

#include <stddef.h>

#include "err.h"
#include "phone.h"

struct elector_row {
	unsigned long line;
	const char *matricule, *nom, *nom_usage, *prenom, *civilite;
	char sexe;                /* 'F' or 'M' */
	int naissance;            /* YYYYMMDD */
	int entree;               /* YYYYMMDD or 0 */
	const char *etablissement, *site;
	const char *college;      /* the operation's spelling */
	int fonctionnaire;        /* statut: 0 salarié, 1 fonctionnaire */
	const char *adresse, *code_postal, *ville, *email, *telephone;
	char tel_e164[PHONE_E164_MAX]; /* telephone, when a French mobile */
	char cle_nir[3];
	int eligible;
};

struct import_opts {
	const char *const *colleges;  /* the operation's collèges */
	size_t ncolleges;
	int election_date;            /* YYYYMMDD, first round */
	/* The operation's establishments, or NULL to accept any (the check
	 * without database); a row's etablissement gets their spelling. */
	const char *const *establishments;
	size_t nestablishments;
};

struct import_report {
	unsigned long rows;           /* valid rows */
	unsigned long nerrors;
	char **errors;                /* the first IMPORT_MAX_KEPT messages */
	size_t kept;
};

#define IMPORT_MAX_KEPT 100000

/* Called for each valid row (its strings live until the next call). */
typedef int (*import_row_fn)(const struct elector_row *row, void *ctx);

/* 0 when the file could be read (look at rep->nerrors), -1 when it could
 * not be read at all (e filled). */
int import_electors(const char *path, const struct import_opts *o, import_row_fn fn,
    void *ctx, struct import_report *rep, struct err *e);
void import_report_free(struct import_report *rep);
/* Record one error as it is, or as "ligne L, colonne C : reason" (the
 * imports of electors and candidates share the format). */
void import_report_push(struct import_report *rep, const char *msg);
void import_report_err(struct import_report *rep, unsigned long line, size_t col,
    const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* Parse JJ/MM/AAAA or AAAA-MM-JJ into YYYYMMDD; 0 when not a real date. */
int import_date(const char *s);

#endif
