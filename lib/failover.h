/* failover.h: the checks before a standby platform takes over (R-OPS-2).
 * The standby databases received every acknowledged cast through
 * semi-synchronous replication; before they serve electors, the casts a
 * crash left half-done are settled and the standby is checked: both
 * journals' hash chains, every sealed scrutin's latest seal, and per
 * scrutin as many ballots in the urn as émargements. Any mismatch refuses
 * the takeover: the bureau decides (docs/operations.md). */
#ifndef ISOLOIR_FAILOVER_H
#define ISOLOIR_FAILOVER_H

#include <stdint.h>

#include <mysql.h>

#include "cast.h"
#include "err.h"

struct failover_report {
	struct cast_recovery settled; /* casts settled on the standby */
	uint64_t journal_electors;    /* entries checked in each journal */
	uint64_t journal_urn;
	unsigned sealed;            /* scrutins whose seal was verified */
	unsigned scrutins;          /* scrutins whose counts were compared */
	unsigned long long ballots; /* ballots in the urn, all scrutins */
};

/* Settle every cast the primary left prepared (whatever its age: the
 * primary is gone), with connections of the web account, which owns the
 * decision rows, and the cast key of the web configuration (lib/cast.c). */
int failover_settle(MYSQL *el_web, MYSQL *urn_web,
    const unsigned char cast_key[CAST_KEY_LEN], struct failover_report *r,
    struct err *e);

/* The checks, read-only, with the console's connections: -1 with a French
 * reason naming the first check that failed. */
int failover_check(
    MYSQL *el, MYSQL *urn, struct failover_report *r, struct err *e);

/* Journal the takeover for the bureau (intervention "bascule", R-BUR-7)
 * with what was checked; detail names where the vote goes on. */
int failover_record(MYSQL *el, const char *actor,
    const struct failover_report *r, const char *detail, struct err *e);

#endif
