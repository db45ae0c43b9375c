/* vcombine.h: the threads of a worker check their ballots' equations
 * together: one multi-scalar multiplication for the ballots ready at the
 * same time, cheaper per ballot than one each (docs/performance.md).
 * Flat combining, no thread of its own: a thread whose ballot is ready
 * leads a round when none runs, taking every ballot waiting (its own
 * included, at most VCOMBINE_MAX); the others wait for their result and
 * may lead the next round. Nobody waits for more ballots to come.
 * When a round's check fails, each of its ballots is checked alone, so a
 * ballot is never refused for another's proof (docs/protocol.md §5). */
#ifndef ISOLOIR_VCOMBINE_H
#define ISOLOIR_VCOMBINE_H

#include <stddef.h>
#include <stdint.h>

#include "ballot.h"
#include "err.h"
#include "jtree.h"

#define VCOMBINE_MAX 16

struct proof_batch;
struct vcombine;

/* NULL when memory is short. */
struct vcombine *vcombine_new(void);
void vcombine_free(struct vcombine *c);

/* ballot_verify_tree (lib/ballot.h), its final multiplication shared
 * with the other threads' ballots: same result, same messages. c NULL:
 * ballot_verify_tree itself. */
int vcombine_verify_tree(struct vcombine *c, const struct ballot_shape *s,
    const struct ballot_election *el, const struct jtree *t, jt_ref ballot,
    unsigned char *pts, struct err *e);

/* The batch of one ballot (ballot_verify_collect) through a round: 0 when
 * its equations hold, -1 when they do not (alone: e says so). */
int vcombine_check(struct vcombine *c, struct proof_batch *b, struct err *e);

/* One round's decision without the threads: rc[i] = 0 when b[i]'s
 * equations hold, -1 when not. One multiplication for all; when it
 * fails, one per batch. Returns the number of multiplications. */
size_t vcombine_round(struct proof_batch *const *b, int *rc, size_t n);

/* For tests and logs: rounds run, ballots checked, rounds of more than
 * one ballot, the largest round. */
struct vcombine_stats {
	uint64_t rounds, ballots, shared, largest;
};
void vcombine_stats(struct vcombine *c, struct vcombine_stats *out);

#endif
