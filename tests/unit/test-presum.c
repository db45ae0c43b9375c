/* test-presum.c: the pure parts of the partial sums (lib/presum.c): which
 * bucket a tracker falls in and its bounds, the comparison of a row's
 * members with the urn, the digest binding a row, and sums of stored
 * points kept per bucket then added equal to the sum of every ballot. */
#include "config.h"

#include <string.h>

#include <openssl/rand.h>

#include "cu.h"
#include "group.h"
#include "presum.h"

static void
test_bucket_bounds(void)
{
	unsigned char t[32], lo[32], hi[32];

	memset(t, 0, 32);
	CU_ASSERT_EQUAL(presum_bucket(t), 0);
	t[0] = 0xab;
	t[1] = 0xcd;
	CU_ASSERT_EQUAL(presum_bucket(t), 0xabc);
	memset(t, 0xff, 32);
	CU_ASSERT_EQUAL(presum_bucket(t), PRESUM_BUCKETS - 1);
	/* every tracker lies between its bucket's bounds, and the bounds are in
	 * it */
	for (int i = 0; i < 1000; i++) {
		unsigned b;
		RAND_bytes(t, 32);
		b = presum_bucket(t);
		presum_bounds(b, lo, hi);
		CU_ASSERT_TRUE(
		    memcmp(lo, t, 32) <= 0 && memcmp(t, hi, 32) <= 0);
		CU_ASSERT_EQUAL(presum_bucket(lo), b);
		CU_ASSERT_EQUAL(presum_bucket(hi), b);
	}
	/* consecutive buckets touch: hi(b) + 1 = lo(b + 1) */
	presum_bounds(0x12f, lo, hi);
	presum_bounds(0x130, lo, t);
	CU_ASSERT_EQUAL(hi[0], 0x12);
	CU_ASSERT_EQUAL(hi[1], 0xff);
	CU_ASSERT_EQUAL(lo[0], 0x13);
	CU_ASSERT_EQUAL(lo[1], 0x00);
}

/* trackers n (one byte varies) of bucket 0x010 */
static void
tr(unsigned char *o, unsigned char n)
{
	memset(o, 0, 32);
	o[0] = 0x01;
	o[31] = n;
}

static void
test_members_and_diff(void)
{
	unsigned char have[4 * 32], now[5 * 32], fresh[5 * 32];
	size_t nf = 99;

	tr(have, 2), tr(have + 32, 5), tr(have + 64, 9);
	tr(now, 1), tr(now + 32, 2), tr(now + 64, 5), tr(now + 96, 7),
	    tr(now + 128, 9);
	CU_ASSERT_EQUAL(presum_members_ok(have, 3, 0x010), 0);
	CU_ASSERT_EQUAL(
	    presum_members_ok(have, 3, 0x011), -1); /* another bucket */
	CU_ASSERT_EQUAL(presum_members_ok(have, 0, 0x011), 0);
	memcpy(have + 96, have + 64, 32);
	CU_ASSERT_EQUAL(
	    presum_members_ok(have, 4, 0x010), -1); /* twice the same */
	CU_ASSERT_EQUAL(presum_members_ok(have + 32, 2, 0x010), 0);
	tr(have + 96, 3);
	CU_ASSERT_EQUAL(
	    presum_members_ok(have, 4, 0x010), -1); /* out of order */
	/* {2,5,9} against {1,2,5,7,9}: 1 and 7 are fresh */
	CU_ASSERT_EQUAL(presum_diff(have, 3, now, 5, fresh, &nf), 0);
	CU_ASSERT_EQUAL(nf, 2);
	CU_ASSERT_EQUAL(fresh[31], 1);
	CU_ASSERT_EQUAL(fresh[63], 7);
	/* nothing summed yet: all fresh; all summed: none */
	CU_ASSERT_EQUAL(presum_diff(have, 0, now, 5, fresh, &nf), 0);
	CU_ASSERT_EQUAL(nf, 5);
	CU_ASSERT_EQUAL(presum_diff(now, 5, now, 5, fresh, &nf), 0);
	CU_ASSERT_EQUAL(nf, 0);
	/* 9 gone from the urn, or 2 (first), or the last: -1 */
	CU_ASSERT_EQUAL(presum_diff(have, 3, now, 4, fresh, &nf), -1);
	CU_ASSERT_EQUAL(presum_diff(have, 3, now + 64, 3, fresh, &nf), -1);
	CU_ASSERT_EQUAL(presum_diff(have, 3, now, 0, fresh, &nf), -1);
	/* a member the urn never had (a row altered to list it) */
	tr(have + 32, 6);
	CU_ASSERT_EQUAL(presum_diff(have, 3, now, 5, fresh, &nf), -1);
}

static void
test_digest_binds_everything(void)
{
	unsigned char m[64], s[128], d0[32], d[32];

	memset(m, 1, sizeof(m));
	memset(s, 2, sizeof(s));
	presum_digest(1, 0, 7, 2, m, s, sizeof(s), d0);
	presum_digest(1, 0, 7, 2, m, s, sizeof(s), d);
	CU_ASSERT_EQUAL(memcmp(d0, d, 32), 0);
	presum_digest(2, 0, 7, 2, m, s, sizeof(s), d);
	CU_ASSERT_NOT_EQUAL(memcmp(d0, d, 32), 0);
	presum_digest(1, 1, 7, 2, m, s, sizeof(s), d);
	CU_ASSERT_NOT_EQUAL(memcmp(d0, d, 32), 0);
	presum_digest(1, 0, 8, 2, m, s, sizeof(s), d);
	CU_ASSERT_NOT_EQUAL(memcmp(d0, d, 32), 0);
	presum_digest(1, 0, 7, 1, m, s, sizeof(s), d); /* one member dropped */
	CU_ASSERT_NOT_EQUAL(memcmp(d0, d, 32), 0);
	m[40] ^= 1;
	presum_digest(1, 0, 7, 2, m, s, sizeof(s), d);
	CU_ASSERT_NOT_EQUAL(memcmp(d0, d, 32), 0);
	m[40] ^= 1;
	s[127] ^= 1;
	presum_digest(1, 0, 7, 2, m, s, sizeof(s), d);
	CU_ASSERT_NOT_EQUAL(memcmp(d0, d, 32), 0);
}

/* Ballots' stored points summed into buckets, the buckets written and
 * read back as bytes, then added: the totals of adding every ballot. */
static void
test_bucket_sums_add_up(void)
{
	static const struct ballot_shape s = {3, 2, {2, 1}, 0};
	enum { NB = 40, NBK = 3 };
	const size_t npos = ballot_positions(&s), npts = 2 * npos,
	             plen = BALLOT_POINTS_LEN(npos);
	unsigned char *pts = malloc(NB * plen), *bytes = malloc(NBK * plen);
	struct p256_jac acc[NBK][2 * 6], back[2 * 6], tot[2 * 6];
	struct tally *full = tally_new(&s), *parts = tally_new(&s);
	struct ballot_election el;
	EC_POINT *y = EC_POINT_new(group_curve());
	BIGNUM *sk = BN_new();
	BN_CTX *ctx = BN_CTX_new();
	json_t *j1, *j2;
	struct err e;

	CU_ASSERT_EQUAL_FATAL(npos, 6); /* 2 lists + blank, then 2 + 1 names */
	el.y = y;
	memset(el.fingerprint, 0xcd, 32);
	group_random_scalar(sk, ctx, &e);
	group_mul2(y, sk, NULL, NULL, ctx);
	for (int i = 0; i < NB; i++) {
		struct ballot_choice c = {
		    i % 3 == 2 ? BALLOT_BLANK : i % 3, {1, i % 2}};
		json_t *b = ballot_encrypt(&s, &el, &c, &e);
		CU_ASSERT_PTR_NOT_NULL_FATAL(b);
		CU_ASSERT_EQUAL_FATAL(
		    ballot_verify_points(&s, &el, b, pts + i * plen, &e), 0);
		json_decref(b);
	}
	CU_ASSERT_EQUAL(tally_add_points(full, pts, NB, 1, NULL, &e), 0);
	for (int k = 0; k < NBK; k++)
		for (size_t i = 0; i < npts; i++)
			p256_jac_infinity(&acc[k][i]);
	/* bucket 2 stays empty: its sums are written as zeros */
	for (int i = 0; i < NB; i++)
		CU_ASSERT_EQUAL(
		    presum_add_ballot(acc[i % 2], pts + i * plen, npts), 0);
	for (size_t i = 0; i < npts; i++)
		p256_jac_infinity(&tot[i]);
	for (int k = 0; k < NBK; k++) {
		CU_ASSERT_EQUAL(
		    presum_sums_encode(bytes + k * plen, acc[k], npts), 0);
		CU_ASSERT_EQUAL(
		    presum_sums_decode(back, bytes + k * plen, npts), 0);
		for (size_t i = 0; i < npts; i++)
			p256_jac_add(&tot[i], &tot[i], &back[i]);
	}
	for (size_t i = 0; i < plen; i++)
		CU_ASSERT_EQUAL_FATAL(bytes[2 * plen + i], 0);
	CU_ASSERT_EQUAL(tally_add_jac(parts, tot, NB, &e), 0);
	j1 = tally_to_json(full);
	j2 = tally_to_json(parts);
	CU_ASSERT_TRUE(json_equal(j1, j2));
	json_decref(j2);
	/* a bucket that counts a ballot twice: other totals */
	tally_free(parts);
	parts = tally_new(&s);
	CU_ASSERT_EQUAL(presum_add_ballot(acc[0], pts, npts), 0);
	for (size_t i = 0; i < npts; i++)
		p256_jac_add(&tot[i], &acc[0][i], &acc[1][i]);
	CU_ASSERT_EQUAL(tally_add_jac(parts, tot, NB, &e), 0);
	j2 = tally_to_json(parts);
	CU_ASSERT_FALSE(json_equal(j1, j2));
	json_decref(j2);
	/* an off-curve point, in a ballot or in stored sums, and a coordinate
	 * ≥ p are refused */
	pts[3 * plen + 100] ^= 1;
	CU_ASSERT_EQUAL(presum_add_ballot(acc[0], pts + 3 * plen, npts), -1);
	bytes[plen + 64 + 10] ^= 1;
	CU_ASSERT_EQUAL(presum_sums_decode(back, bytes + plen, npts), -1);
	memset(bytes + plen + 64, 0xff, 32);
	CU_ASSERT_EQUAL(presum_sums_decode(back, bytes + plen, npts), -1);
	json_decref(j1);
	tally_free(full);
	tally_free(parts);
	EC_POINT_free(y);
	BN_free(sk);
	BN_CTX_free(ctx);
	free(pts);
	free(bytes);
}

int
main(void)
{
	CU_TestInfo tests[] = {
	    {"a tracker's bucket and its bounds", test_bucket_bounds},
	    {"members checked and compared with the urn",
	        test_members_and_diff},
	    {"the digest binds place, count, members and sums",
	        test_digest_binds_everything},
	    {"bucket sums add up to the sum of every ballot",
	        test_bucket_sums_add_up},
	    CU_TEST_INFO_NULL,
	};
	return cu_run("presum", tests);
}
