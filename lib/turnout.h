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
/* An observer's scrutins only (R-AUTH-7): {"scrutins": rows as above,
 * "colleges": [{"college","categorie","tour","inscrits","votants",
 * "participation"}] (a collège over the observer's establishments),
 * "etablissements": the same per establishment}. Titulaires and suppléants
 * stay apart: each elector counts once in a group. */
json_t *turnout_observer(MYSQL *electors, unsigned observer, struct err *e);

#endif
