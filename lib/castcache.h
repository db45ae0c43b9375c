/* castcache.h: what a cast is checked against and what does not change
 * during the vote (the operation's calendar, a scrutin's ballot parameters
 * and key, the setting the cast reads), kept between casts by each worker
 * thread (issue 6: four to five statements fewer per cast). Never trusted
 * alone: the cast's locked read compares it with the database and records
 * nothing when they differ (lib/cast.h, struct cast_expect, CAST_STALE). */
#ifndef ISOLOIR_CASTCACHE_H
#define ISOLOIR_CASTCACHE_H

#include <stddef.h>

#include <mysql.h>

#include "cast.h"
#include "err.h"
#include "operation.h"
#include "scrutin.h"

struct castcache_entry {
	unsigned scrutin;
	struct operation op;          /* its calendar is checked at each cast */
	struct scrutin_params params; /* shape, election parameters, key */
	int ressaisie;                /* the password typed again (R-VOTE-4) */
	struct cast_expect expect;    /* what the locked read must find again */
};

/* Zero it to start; one per thread (not shared, no lock). */
struct castcache {
	struct castcache_entry *kept; /* scrutins open when loaded */
	size_t n, cap;
	struct castcache_entry once; /* loaded for one cast, not kept */
	int has_once;
};

/* The entry of scrutin for a cast, opcode the operation served (NULL: the
 * first), kept from an earlier cast or loaded now (*fresh 1). 0, or -1 the
 * database failed, -2 no such scrutin or no key. *out is valid until the
 * next call on c. */
int castcache_get(struct castcache *c, MYSQL *el, const char *opcode,
    unsigned scrutin, const struct castcache_entry **out, int *fresh,
    struct err *e);
/* Load the entry again: after a refusal decided on a kept entry, or a cast
 * refused as stale. *changed 1 when anything the cast depends on differs
 * from the entry it replaces (a refusal on the old one must be decided
 * again). Returns as castcache_get. */
int castcache_reload(struct castcache *c, MYSQL *el, const char *opcode,
    unsigned scrutin, const struct castcache_entry **out, int *changed,
    struct err *e);
/* Forget everything (a new connection: another server after a failover). */
void castcache_clear(struct castcache *c);

#endif
