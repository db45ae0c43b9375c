/* delegates.h: the délégués de liste file (R-DATA-2, requirements.md
 * "Import formats"): etablissement;college;categorie;liste_nom;nom;prenom;
 * email;telephone. Every row must name a list of a round-1 scrutin of the
 * operation; all or nothing; the délégués of each scrutin named are
 * replaced; journaled with the file's SHA-256. */
#ifndef ISOLOIR_DELEGATES_H
#define ISOLOIR_DELEGATES_H

#include <mysql.h>

#include "err.h"
#include "import_db.h"
#include "import_electors.h"

/* 0: read (rep->nerrors says if it was refused), -1: failed (e). */
int delegates_import_db(MYSQL *el, const char *path, const struct import_db_opts *o,
    struct import_report *rep, unsigned long *count, char sha[65], struct err *e);

#endif
