/* burst.h: alert on bursts of votes from one client address (R-AUTH-5):
 * casts are counted per keyed hash of the address in fixed 40-minute
 * windows; when a window reaches the threshold, one journal entry tells
 * the bureau (it does not block: a company NAT is legitimate).
 *
 * A worker counts its casts in memory (burst_count) and writes the counts
 * at most once a second (burst_flush): one transaction for all the
 * addresses seen, instead of one durable commit per cast. A worker killed
 * (kill -9) loses the counts of its last second, never a vote: the count
 * is taken after the cast is recorded. */
#ifndef ISOLOIR_BURST_H
#define ISOLOIR_BURST_H

#include <stdint.h>

#include <mysql.h>

#include "err.h"

#define BURST_WINDOW_S 2400
/* Seconds between two writes of the counts. */
#define BURST_FLUSH_S 1

struct burst_pending;

/* A process's counts not yet written; NULL when memory is short. */
struct burst_pending *burst_pending_new(void);
void burst_pending_free(struct burst_pending *p);
/* Count one cast from addr, keyed by key (the address itself is kept
 * nowhere). Returns 1 when a write is due (BURST_FLUSH_S elapsed since the
 * last and no other thread writing): the caller then calls burst_flush. */
int burst_count(struct burst_pending *p, const unsigned char key[32],
    const char *addr, int64_t now);
/* 1 when a write is due, claimed by the caller (then burst_flush). */
int burst_due(struct burst_pending *p, int64_t now);
/* Write the counts in one transaction (they are added to those of the
 * other workers) and journal an alert for each window whose total
 * crosses threshold (0: never). Ends the claim taken by burst_count or
 * burst_due (or, with no other thread counting, writes without one, as at
 * exit). 0; -1 with e filled; -2 with e filled when the previous write
 * failed too (the caller need not say it again). On failure the counts
 * are kept for the next write. */
int burst_flush(
    struct burst_pending *p, MYSQL *db, unsigned threshold, struct err *e);

#endif
