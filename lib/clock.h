/* clock.h: the election's clock (R-ORG-4, R-ORG-6, R-BUR-3), one tick run
 * every minute by a timer: a sealed scrutin whose opening time has come
 * opens when the operation says so ("ouverture_automatique": true), an
 * open one whose closing time plus grace period has passed closes (a
 * suspended one waits for its bureau); each as an automatic transition,
 * which lifecycle.c accepts only once the time has come. Then the seal of
 * every scrutin in vote is checked: a mismatch is journaled (a conforming
 * check is not: once a minute it would drown the journal). */
#ifndef ISOLOIR_CLOCK_H
#define ISOLOIR_CLOCK_H

#include <mysql.h>

#include "err.h"
#include "lifecycle.h"

enum clock_event {
	CLOCK_MOVED,        /* scrutin moved to `to` */
	CLOCK_REFUSED,      /* the transition failed: msg says why */
	CLOCK_SEAL_ALERT,   /* the seal does not verify: msg says what changed */
};

/* Told of each event as it happens. */
typedef void (*clock_fn)(unsigned scrutin, enum clock_event ev, enum lc_state to,
    const char *msg, void *ctx);

struct clock_report {
	unsigned moved, refused, sealed_ok, seal_alerts;
};

/* 0 when the tick ran (look at r), -1 when the database failed (e). */
int clock_tick(MYSQL *el, MYSQL *urn, const char *actor, clock_fn fn, void *ctx,
    struct clock_report *r, struct err *e);

#endif
