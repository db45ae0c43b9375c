/* tally.h: the homomorphic totals of a scrutin (docs/protocol.md §9): the
 * component-wise sum of every ballot's choice and candidate ciphertexts.
 * Only these totals are ever decrypted. Positions: the choice slots
 * (lists, blank, nul), then the candidates list by list. */
#ifndef ISOLOIR_TALLY_H
#define ISOLOIR_TALLY_H

#include <stddef.h>

#include <jansson.h>
#include <openssl/ec.h>

#include "ballot.h"
#include "err.h"

struct tally {
	size_t n;              /* positions */
	unsigned long ballots;
	EC_POINT **a, **b;
};

struct tally *tally_new(const struct ballot_shape *s);
void tally_free(struct tally *t);
/* Add one (already verified) ballot. */
int tally_add(struct tally *t, const json_t *ballot, struct err *e);
/* Add the sums o (same shape) into t: several threads' shares of the
 * ballots, each summed apart. */
int tally_merge(struct tally *t, const struct tally *o, struct err *e);
/* Add nb ballots given by their stored points (ballot_verify_points: each
 * BALLOT_POINTS_LEN(t->n) bytes, one after the other), the work spread
 * over up to nthreads threads (0: one per core). Each point must be a
 * valid curve point (coordinates < p, on the curve), else -1, t is
 * unchanged and *bad (when not NULL) is the first such ballot's index. That the points are those of the ballots' bodies is not
 * checked here: the board's verification recomputes the totals from the
 * bodies (docs/protocol.md §9.1). */
int tally_add_points(struct tally *t, const unsigned char *pts, size_t nb, unsigned nthreads,
    size_t *bad, struct err *e);
/* Add sums already made (partial sums, lib/presum.c): acc holds 2 Jacobian
 * points per position (a then b), covering `ballots` ballots. */
struct p256_jac;
int tally_add_jac(struct tally *t, const struct p256_jac *acc, unsigned long ballots,
    struct err *e);
/* {"ballots": N, "totals": [{"a","b"}, ...]}; an empty sum is "00". */
json_t *tally_to_json(const struct tally *t);

#endif
