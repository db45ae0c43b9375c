/* candidates.h: the candidates file (R-DATA-2, requirements.md "Import
 * formats"): one row per candidate,
 * etablissement;college;categorie;liste_ordre;liste_nom;syndicat;
 * candidat_ordre;matricule;nom;prenom;sexe;date_naissance[;tour]
 * (tour: 1 or 2, 1 when absent).
 * Read and checked without any database: every field, then the shape of
 * each scrutin (lists numbered 1..n in the drawn order, one name and one
 * union per list, candidates numbered 1..k, nobody twice in a scrutin).
 * Errors as "ligne L, colonne C : raison" in the import report. The
 * database import (candidates_db.h) adds the checks against the electors. */
#ifndef ISOLOIR_CANDIDATES_H
#define ISOLOIR_CANDIDATES_H

#include <stddef.h>

#include "err.h"
#include "import_electors.h"

#define CAND_MAX_UNIONS 8

struct cand {
	unsigned long line;
	unsigned order;             /* candidat_ordre, from 1 */
	char *matricule, *nom, *prenom;
	char sexe;                  /* 'F' or 'M' */
	int naissance;              /* YYYYMMDD */
};

struct cand_list {
	unsigned long line;         /* its first row */
	unsigned order;             /* liste_ordre: the drawn order, from 1 */
	char *name;
	char *unions;               /* "CFDT+UNSA", "" for no union */
	char *split;                /* {"CFDT":60,"UNSA":40} or NULL (equal) */
	struct cand *c;
	size_t n;
};

struct cand_scrutin {
	unsigned long line;         /* its first row */
	char *etablissement, *college;
	int suppleants;             /* 0 titulaires, 1 suppléants */
	unsigned round;             /* 1 or 2 */
	struct cand_list *l;
	size_t n;
};

struct cand_file {
	struct cand_scrutin *s;
	size_t n;
	unsigned long rows;
	/* header positions (from 1) for the database checks' messages */
	size_t col_etab, col_liste_nom, col_matricule;
};

/* 0 when the file could be read (look at rep->nerrors; f is filled only
 * when there is none), -1 when it could not be read at all (e filled). */
int candidates_read(const char *path, struct cand_file *f, struct import_report *rep,
    struct err *e);
void candidates_free(struct cand_file *f);
/* Parse a syndicat field: "", "CFDT", "CFDT+UNSA" or "CFDT:60+UNSA:40"
 * (shares in percent summing to 100). unions gets "CFDT+UNSA", split the
 * JSON object or NULL; -1 with a French reason. */
int candidates_unions(const char *s, char **unions, char **split, struct err *e);

#endif
