/* electoral_list.h: the electoral list of an establishment × collège for
 * the unions and the employer (R-DATA-1, R-DATA-3): CSV and PDF, with the
 * "E" eligibility mark. In libisopv.a (PDF). */
#ifndef ISOLOIR_ELECTORAL_LIST_H
#define ISOLOIR_ELECTORAL_LIST_H

#include <mysql.h>

#include "err.h"

struct electoral_list {
	unsigned establishment_id, college_id;
	const char *operation, *establishment, *college;
};

/* Write both files; *n electors. */
int electoral_list_write(MYSQL *el, const struct electoral_list *l, const char *csv,
    const char *pdf, unsigned long *n, struct err *e);

/* Every establishment × collège of the operation, into dir (created 0700):
 * liste-electorale-<établissement>-<collège>.csv and .pdf, the names
 * folded into file names ("Siège de Niort" → "siege-de-niort"); fn told of
 * each with the PDF's path and the number of electors. */
typedef void (*electoral_done_fn)(const char *establishment, const char *college,
    const char *pdf, unsigned long n, void *ctx);
int electoral_lists_write(MYSQL *el, unsigned operation_id, const char *operation_name,
    const char *dir, electoral_done_fn fn, void *ctx, struct err *e);

#endif
