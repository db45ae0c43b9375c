/* round2.h: the second round (R-ORG-3, rules.md): created from a round-1
 * scrutin once counted (quorum not reached, or seats left unfilled: the
 * bureau's call, recorded in the journal), for the same establishment,
 * collège, category, bureau and electors (the list frozen for round 1),
 * with the round-1 lists carried over until a candidates file for round 2
 * (column `tour` = 2) replaces them; there any candidate may stand, with
 * or without a union. */
#ifndef ISOLOIR_ROUND2_H
#define ISOLOIR_ROUND2_H

#include <mysql.h>

#include "err.h"

struct round2_result {
	unsigned scrutin;               /* the new scrutin */
	unsigned long electors, lists, candidates;
};

int round2_create(MYSQL *el, unsigned from, unsigned seats, const char *actor,
    const char *reason, struct round2_result *r, struct err *e);

#endif
