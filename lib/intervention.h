/* intervention.h: a technical intervention on the platform during the
 * election (R-BUR-7): worker scaling or restart, failover, database
 * repair, setting change… journaled in the electors journal, which the
 * bureau reads (console journal screen, PV annex) — the bureau is thereby
 * informed of each one, with who did it and when. */
#ifndef ISOLOIR_INTERVENTION_H
#define ISOLOIR_INTERVENTION_H

#include <mysql.h>

#include "err.h"

/* type: "workers", "redemarrage", "bascule", "reparation_base", "reglage",
 * "sauvegarde" or "autre"; detail: 1 to 2000 bytes of UTF-8. */
int intervention_record(MYSQL *el, const char *actor, const char *type, const char *detail,
    struct err *e);

#endif
