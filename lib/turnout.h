/* turnout.h: live turnout per scrutin (R-BUR-5): émargements and inscrits
 * only — never a partial result (nothing of the urn is read). */
#ifndef ISOLOIR_TURNOUT_H
#define ISOLOIR_TURNOUT_H

#include <jansson.h>
#include <mysql.h>

#include "err.h"

/* [{"id","scrutin","etat","inscrits","votants","participation",
 * "etablissement","college","categorie" ("titulaires"|"suppleants"),"tour"}]
 * for every scrutin of the operation (participation: percent, 2 decimals). */
json_t *turnout_all(MYSQL *electors, struct err *e);

#endif
