/* represent.h: union representativeness consolidated across collèges and
 * establishments (R-RES-2, rules.md "Consolidated representativeness"):
 * the round-1 titulaires ballots of every list, a common list's ballots
 * split among its unions by its declared key (equally when none), summed
 * per union over the given scrutins; each union's share of the total SVE
 * (exact, ≥ 10 % flag); and, when seats are given (a central CSE, seed
 * 004), their sharing among the unions by the plus fort reste. Exact
 * integer arithmetic only. */
#ifndef ISOLOIR_REPRESENT_H
#define ISOLOIR_REPRESENT_H

#include <stdint.h>

#include <jansson.h>
#include <mysql.h>

#include "err.h"

#define REP_MAX_UNIONS 64

/* One list of one scrutin: "CFDT+UNSA", split {"CFDT":60,"UNSA":40} or
 * NULL (equal shares), its valid ballots. */
struct rep_list {
	const char *unions;
	const json_t *split;
	int64_t ballots;
};

/* The document: {"sve":N,"seats":S,"unions":[{"union","votes" (2 decimals),
 * "pct","representative","seats_quotient","seats_remainder","seats"}]},
 * unions by decreasing votes. sve: the sum of the scrutins' SVE. seats 0:
 * no sharing. NULL with e filled on a bad split key. */
json_t *represent_consolidate(const struct rep_list *lists, size_t n, int64_t sve,
    unsigned seats, struct err *e);

/* From the decrypted counts of round-1 titulaires scrutins (the files of
 * `isoloir-verify count`: {"scrutin","counts"}) and their lists in the
 * electors database: the same document. Another category or round is
 * refused (only the first round of the titulaires counts, rules.md). */
json_t *represent_from_counts(MYSQL *el, json_t *const *counts, size_t n, unsigned seats,
    struct err *e);

#endif
