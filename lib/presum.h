/* presum.h: partial sums of the urn kept during the vote, so that the count
 * reads a few MB instead of every ballot's points (docs/protocol.md §9.2;
 * R-BUR-8, R-OPS-4: the tally target of docs/performance.md). A
 * scrutin's ballots are split by the first 12 bits of their tracker into
 * PRESUM_BUCKETS fixed buckets per sub-urn; urn table tally_bucket (migration
 * urn 007) keeps per bucket the sum of its ballots' points, how many, and
 * exactly which (their sorted trackers), bound together by a digest. No
 * identity, no time, no order: a bucket is a range of random trackers. An
 * update adds the ballots of a bucket that its row does not list yet; a row
 * whose digest or member list does not hold, or that lists a ballot no longer
 * in the urn, is rebuilt from the urn. The sums are ciphertexts: only the key
 * holders could decrypt them, and only totals are ever decrypted. */
#ifndef ISOLOIR_PRESUM_H
#define ISOLOIR_PRESUM_H

#include <stddef.h>

#include <mysql.h>

#include "err.h"
#include "p256.h"
#include "scrutin.h"
#include "tally.h"

#define PRESUM_BUCKETS 4096
#define PRESUM_DIGEST_LEN 32
/* A bucket's sums: 2 points per position (a, b), each x || y, the point
 * at infinity (an empty sum) written as 64 zero bytes. */
#define PRESUM_SUMS_LEN(npos) BALLOT_POINTS_LEN(npos)

/* ------------------------------------------------------------ pure parts */

/* The bucket of a tracker: its first 12 bits. */
unsigned presum_bucket(const unsigned char tracker[32]);
/* Smallest and largest tracker of bucket b. */
void presum_bounds(unsigned b, unsigned char lo[32], unsigned char hi[32]);
/* SHA-256 of "isoloir-presum-v1", the bucket's place (scrutin, sub-urn,
 * bucket), its number of ballots, member trackers and sums. */
void presum_digest(unsigned scrutin, unsigned sub, unsigned bucket,
    unsigned long ballots, const unsigned char *members,
    const unsigned char *sums, size_t sums_len,
    unsigned char out[PRESUM_DIGEST_LEN]);
/* 0 when the n trackers are strictly increasing and all in bucket b. */
int presum_members_ok(const unsigned char *members, size_t n, unsigned b);
/* have (nh) and now (nn): sorted tracker lists. -1 when a tracker of have
 * is not in now (a ballot the sum covers has gone); else 0 and the
 * trackers of now missing from have copied to fresh (room for nn), *nf. */
int presum_diff(const unsigned char *have, size_t nh, const unsigned char *now,
    size_t nn, unsigned char *fresh, size_t *nf);
/* Add one ballot's stored points (npts = 2 × positions, x || y each) into
 * acc (npts Jacobian sums); -1 (acc partly changed) when a coordinate is
 * ≥ p or a point is not on the curve. */
int presum_add_ballot(
    struct p256_jac *acc, const unsigned char *pts, size_t npts);
/* Sums to bytes (infinity: zeros) and back; decode -1 on a coordinate
 * ≥ p or a point off the curve. */
int presum_sums_encode(
    unsigned char *out, const struct p256_jac *acc, size_t npts);
int presum_sums_decode(
    struct p256_jac *acc, const unsigned char *in, size_t npts);

/* ------------------------------------------------------------ the update */

struct presum_stats {
	unsigned long ballots; /* in the sums after the update */
	unsigned long added;   /* ballots read from the urn by this update */
	unsigned long rebuilt; /* buckets rebuilt: altered, or a ballot gone */
	unsigned long written; /* bucket rows written or deleted */
	unsigned long skipped; /* buckets left for the next update */
	/* what a person should be told, in French ("" when nothing): the
	 * buckets rebuilt and why, the count's fallback to every ballot; the
	 * library writes no terminal (the console's screens own it) */
	char note[512];
};

/* Bring the partial sums of scrutin p (sub-urn sub only when sub > 0)
 * up to date with the urn, in short transactions (a killed update leaves
 * every row whole, each one still saying what it covers). Updates of one
 * scrutin take turns (a named lock); casts go on meanwhile: a ballot cast
 * during the update waits for the next one. When t is not NULL (the
 * count), the whole update is one transaction over one snapshot of the
 * urn and every bucket's sum is added into t: t then holds exactly the
 * ballots of that snapshot, as a full sum would. A ballot whose stored
 * points are bad, or without points whose body does not verify, stops it
 * (« urne altérée »). */
int presum_update(MYSQL *urn, const struct scrutin_params *p, unsigned sub,
    struct tally *t, struct presum_stats *st, struct err *e);

/* The scrutins the urn holds ballots or partial sums of, ascending. */
int presum_scrutins(MYSQL *urn, unsigned **ids, size_t *n, struct err *e);

#endif
