/* count.h: the count of a scrutin (R-BUR-8): homomorphic totals of every
 * ballot in the urn (from the points decoded at cast time; older ballots
 * verified again and decoded), then the combination
 * of k holders' partial decryptions, each proof checked, into the
 * plaintext counts. Only totals are ever decrypted. */
#ifndef ISOLOIR_COUNT_H
#define ISOLOIR_COUNT_H

#include <jansson.h>
#include <mysql.h>

#include "err.h"

/* {"version","election","scrutin","ballots","totals":[{"a","b"}]} from the
 * urn (only sub-urn `sub` when sub > 0, R-ORG-5; then "sub_urn": sub):
 * the partial sums brought up to date then added (lib/presum.c, what
 * they did in *ps when not NULL), or with `full` every ballot's points;
 * the same totals either way.
 * NULL when a stored point is not a curve point or an older ballot does
 * not verify (the count stops: the urn was altered) or the databases
 * fail. Points that are valid but not the ballot's are caught by the
 * board's verification (docs/protocol.md §9.1). */
struct presum_stats;
json_t *count_totals(MYSQL *electors, MYSQL *urn, unsigned scrutin, unsigned sub, int full,
    struct presum_stats *ps, struct err *e);
/* 0 when the scrutin's totals may be computed now: after the closing (and
 * on, for a recount), or during the test vote; -1 with the French reason
 * otherwise (an open urn's totals, once decrypted, would be a partial
 * result, R-BUR-8). */
int count_may_total(MYSQL *electors, unsigned scrutin, struct err *e);
/* The context string of total i's partial decryption (docs/protocol.md §9). */
void count_context(unsigned scrutin, unsigned sub, size_t i, char *out, size_t len);
/* The count's steps journaled (lib/count_journal.c): « totaux » with the
 * totals' SHA-256 (canonical JSON) and ballots, « dechiffrement » with the
 * holders and the counts' SHA-256 (and the sub-urn when there is one). */
int count_journal_totals(MYSQL *electors, const json_t *totals, const char *actor,
    struct err *e);
int count_journal_counts(MYSQL *electors, const json_t *counts, const char *actor,
    struct err *e);
/* R-ORG-5: whether a sub-urn of this many ballots is small enough that
 * its totals, published apart, could reveal how its members voted (an
 * empty one reveals nothing). */
#define COUNT_SUB_URN_SMALL 10
int count_sub_urn_small(long long ballots);
/* The most ballots a totals file may claim: it bounds the discrete-log
 * search (O(sqrt(ballots))), far above any scrutin. */
#define COUNT_MAX_BALLOTS 100000000

/* Check every partial against public.json's verification keys, combine
 * the first `threshold` valid ones, solve the discrete logs:
 * {"scrutin","ballots","holders":[...],"counts":[...]}. */
json_t *count_combine(const json_t *pub, const json_t *totals, json_t *const *partials,
    size_t m, struct err *e);
/* count_combine that appends each partial it sets aside to the array
 * set_aside as {"holder", "group"?, "reason"} instead of telling stderr
 * (the console's screens own the terminal). */
json_t *count_combine_noted(const json_t *pub, const json_t *totals, json_t *const *partials,
    size_t m, json_t *set_aside, struct err *e);

#endif
