/* opdef_db.h: an operation description (lib/opdef.h) into the electors
 * database, in one transaction, journaled with the file's SHA-256; and
 * back out as a description file (R-ORG-1/4/6, R-BUR). */
#ifndef ISOLOIR_OPDEF_DB_H
#define ISOLOIR_OPDEF_DB_H

#include <mysql.h>

#include "buf.h"
#include "err.h"
#include "opdef.h"

struct opdef_result {
	unsigned operation_id;
	unsigned scrutins_new,
	    scrutins_kept; /* kept: in the base, not in the file */
	unsigned bureaux, members_new, members_removed;
};

/* Create the operation described (its code must be new): all or nothing.
 * sha256 is the file's digest (hex), journaled with the counts. */
int opdef_create(MYSQL *el, const struct opdef *d, const char *sha256,
    const char *actor, struct opdef_result *r, struct err *e);
/* Bring the operation of the same code to the description, only while
 * none of its scrutins is sealed (or beyond): names, dates, settings,
 * seats and bureaux are updated, what is new is added, members absent
 * from the file are removed (those kept keep their personal code);
 * establishments, collèges and scrutins are never removed. */
int opdef_update(MYSQL *el, const struct opdef *d, const char *sha256,
    const char *actor, struct opdef_result *r, struct err *e);
/* The operation (code, or the first one when NULL) as a description file
 * that opdef_parse reads back. */
int opdef_show(MYSQL *el, const char *code, struct buf *out, struct err *e);

#endif
