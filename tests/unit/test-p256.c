/* test-p256.c: our P-256 arithmetic (lib/p256_*.c) against OpenSSL on
 * random and edge-case inputs: field operations against BN_mod_*, point
 * additions, doublings, encodings, multiplications and multi-scalar
 * multiplications against EC_POINT_*. Values next to p and n are used on
 * purpose so that a wrong limb carry shows up. */
#include "config.h"

#include <string.h>

#include <openssl/err.h>
#include <openssl/rand.h>

#include "cu.h"
#include "group.h"
#include "p256.h"

static BN_CTX *ctx;
static BIGNUM *P;

static void
rand_bn(BIGNUM *r, const BIGNUM *mod)
{
	CU_ASSERT_FATAL(BN_rand_range(r, mod) == 1);
}

/* Random field values, biased towards the dangerous ones. */
static void
field_value(BIGNUM *r, int i)
{
	switch (i % 8) {
	case 0: BN_sub(r, P, BN_value_one()); break; /* p − 1 */
	case 1: BN_zero(r); break;
	case 2: BN_one(r); break;
	case 3: /* 2^255 */
		BN_zero(r);
		BN_set_bit(r, 255);
		break;
	case 4: /* p − small */
		BN_copy(r, P);
		BN_sub_word(r, (BN_ULONG)(i + 2));
		break;
	case 5: /* 2^64·k − 1 patterns: all-ones limbs */
		BN_zero(r);
		BN_set_bit(r, 192);
		BN_sub_word(r, 1);
		break;
	default: rand_bn(r, P);
	}
}

static void
fe_of(p256_fe *f, const BIGNUM *b)
{
	unsigned char buf[32];

	BN_bn2binpad(b, buf, 32);
	CU_ASSERT_FATAL(p256_fe_from_bytes(f, buf) == 0);
}

static int
fe_is(const p256_fe *f, const BIGNUM *b)
{
	unsigned char x[32], y[32];

	p256_fe_to_bytes(x, f);
	BN_bn2binpad(b, y, 32);
	return memcmp(x, y, 32) == 0;
}

static void
test_field(void)
{
	BIGNUM *a = BN_new(), *b = BN_new(), *r = BN_new();
	p256_fe fa, fb, fr;
	unsigned char buf[32];

	for (int i = 0; i < 4000; i++) {
		field_value(a, i);
		field_value(b, i / 8 + 3 * i);
		if (i % 3 == 0)
			rand_bn(b, P);
		fe_of(&fa, a);
		fe_of(&fb, b);
		CU_ASSERT(fe_is(&fa, a));
		p256_fe_mul(&fr, &fa, &fb);
		BN_mod_mul(r, a, b, P, ctx);
		CU_ASSERT(fe_is(&fr, r));
		p256_fe_sqr(&fr, &fa);
		BN_mod_mul(r, a, a, P, ctx);
		CU_ASSERT(fe_is(&fr, r));
		p256_fe_add(&fr, &fa, &fb);
		BN_mod_add(r, a, b, P, ctx);
		CU_ASSERT(fe_is(&fr, r));
		p256_fe_sub(&fr, &fa, &fb);
		BN_mod_sub(r, a, b, P, ctx);
		CU_ASSERT(fe_is(&fr, r));
		if (i % 16 == 0 && !BN_is_zero(a)) {
			p256_fe_inv(&fr, &fa);
			BN_mod_inverse(r, a, P, ctx);
			CU_ASSERT(fe_is(&fr, r));
		}
		if (i % 16 == 1) { /* squares have roots, and only they */
			int sq = BN_mod_sqrt(r, a, P, ctx) != NULL;
			ERR_clear_error();
			CU_ASSERT((p256_fe_sqrt(&fr, &fa) == 0) == sq);
			if (sq) {
				p256_fe_sqr(&fr, &fr);
				CU_ASSERT(p256_fe_eq(&fr, &fa));
			}
		}
	}
	/* p itself and above are not canonical encodings. */
	BN_bn2binpad(P, buf, 32);
	CU_ASSERT(p256_fe_from_bytes(&fa, buf) == -1);
	memset(buf, 0xff, 32);
	CU_ASSERT(p256_fe_from_bytes(&fa, buf) == -1);
	BN_free(a);
	BN_free(b);
	BN_free(r);
}

static int
aff_eq(const struct p256_aff *a, const struct p256_aff *b)
{
	if (a->inf || b->inf)
		return a->inf && b->inf;
	return p256_fe_eq(&a->x, &b->x) && p256_fe_eq(&a->y, &b->y);
}

static EC_POINT *
rand_point(struct p256_aff *a)
{
	EC_POINT *p = EC_POINT_new(group_curve());
	BIGNUM *k = BN_new();

	rand_bn(k, group_order());
	EC_POINT_mul(group_curve(), p, k, NULL, NULL, ctx);
	if (a != NULL)
		CU_ASSERT_FATAL(p256_aff_from_ec(a, p, ctx) == 0);
	BN_free(k);
	return p;
}

static int
jac_is(const struct p256_jac *j, const EC_POINT *q)
{
	EC_POINT *t = EC_POINT_new(group_curve());
	int ok = p256_jac_to_ec(t, j, ctx) == 0 &&
	         EC_POINT_cmp(group_curve(), t, q, ctx) == 0;

	EC_POINT_free(t);
	return ok;
}

static void
test_points(void)
{
	const EC_GROUP *g = group_curve();
	EC_POINT *r = EC_POINT_new(g), *inf = EC_POINT_new(g);
	struct p256_aff a, b, na;
	struct p256_jac ja, jb, jr;

	EC_POINT_set_to_infinity(g, inf);
	for (int i = 0; i < 300; i++) {
		EC_POINT *p = rand_point(&a), *q = rand_point(&b);
		unsigned char enc[33], ref[33];

		p256_jac_from_aff(&ja, &a);
		p256_jac_from_aff(&jb, &b);
		p256_jac_dbl(&jb, &jb); /* a Jacobian point with Z ≠ 1 */
		EC_POINT_dbl(g, q, q, ctx);
		EC_POINT_add(g, r, p, q, ctx);
		p256_jac_add(&jr, &ja, &jb);
		CU_ASSERT(jac_is(&jr, r));
		p256_jac_add(&jr, &jb, &ja);
		CU_ASSERT(jac_is(&jr, r));
		p256_jac_add_aff(&jr, &jb, &a);
		CU_ASSERT(jac_is(&jr, r));
		EC_POINT_dbl(g, r, q, ctx);
		p256_jac_dbl(&jr, &jb);
		CU_ASSERT(jac_is(&jr, r));
		/* P + P through add and mixed add go to the doubling. */
		p256_jac_add(&jr, &jb, &jb);
		CU_ASSERT(jac_is(&jr, r));
		p256_jac_add_aff(&jr, &ja, &a);
		EC_POINT_dbl(g, r, p, ctx);
		CU_ASSERT(jac_is(&jr, r));
		/* P + (−P) and infinity on either side. */
		p256_aff_neg(&na, &a);
		p256_jac_add_aff(&jr, &ja, &na);
		CU_ASSERT(p256_jac_is_infinity(&jr));
		p256_jac_neg(&jr, &jb);
		p256_jac_add(&jr, &jr, &jb);
		CU_ASSERT(p256_jac_is_infinity(&jr));
		p256_jac_infinity(&jr);
		p256_jac_add(&jr, &jr, &jb);
		CU_ASSERT(jac_is(&jr, q));
		p256_jac_infinity(&jr);
		p256_jac_add_aff(&jr, &jr, &a);
		CU_ASSERT(jac_is(&jr, p));
		p256_jac_dbl(&jr, &jr);
		p256_jac_infinity(&ja);
		p256_jac_dbl(&ja, &ja);
		CU_ASSERT(p256_jac_is_infinity(&ja));
		/* Encodings agree with OpenSSL's compressed form. */
		CU_ASSERT(EC_POINT_point2oct(g, p, POINT_CONVERSION_COMPRESSED,
		              ref, 33, ctx) == 33);
		CU_ASSERT(p256_aff_encode(enc, &a) == 0);
		CU_ASSERT(memcmp(enc, ref, 33) == 0);
		CU_ASSERT(p256_aff_decode(&na, ref) == 0);
		CU_ASSERT(aff_eq(&na, &a));
		ref[0] ^= 1; /* the other root */
		CU_ASSERT(p256_aff_decode(&na, ref) == 0);
		p256_aff_neg(&na, &na);
		CU_ASSERT(aff_eq(&na, &a));
		EC_POINT_free(p);
		EC_POINT_free(q);
	}
	{ /* not on the curve, bad prefix, x ≥ p, infinity */
		unsigned char bad[33] = {0x02};
		int refused = 0, n = 0;
		for (int i = 0; i < 64; i++) {
			EC_POINT *t = EC_POINT_new(g);
			RAND_bytes(bad + 1, 32);
			bad[1] &= 0x7f;
			n++;
			int ours = p256_aff_decode(&na, bad) == 0;
			int theirs =
			    EC_POINT_oct2point(g, t, bad, 33, ctx) == 1;
			ERR_clear_error();
			CU_ASSERT(ours == theirs);
			refused += !ours;
			EC_POINT_free(t);
		}
		CU_ASSERT(refused > 0 && refused < n);
		bad[0] = 0x04;
		CU_ASSERT(p256_aff_decode(&na, bad) == -1);
		memset(bad + 1, 0xff, 32);
		bad[0] = 0x02;
		CU_ASSERT(p256_aff_decode(&na, bad) == -1);
		na.inf = 1;
		CU_ASSERT(p256_aff_encode(bad, &na) == -1);
		CU_ASSERT(p256_aff_from_ec(&na, inf, ctx) == 0 && na.inf);
	}
	EC_POINT_free(r);
	EC_POINT_free(inf);
}

/* SEC1 uncompressed (ballot version 3's commitments): the same bytes as
 * OpenSSL's; decoding agrees with OpenSSL on points, on y changed (off
 * the curve), on −P (on the curve), and refuses coordinates ≥ p, another
 * prefix and (0, 0). */
static void
test_uncompressed(void)
{
	const EC_GROUP *g = group_curve();
	struct p256_aff a, na;
	BIGNUM *y = BN_new();

	for (int i = 0; i < 200; i++) {
		EC_POINT *p = rand_point(&a), *t = EC_POINT_new(g);
		unsigned char enc[65], ref[65];

		CU_ASSERT(
		    EC_POINT_point2oct(g, p, POINT_CONVERSION_UNCOMPRESSED, ref,
		        65, ctx) == 65);
		CU_ASSERT(p256_aff_encode_full(enc, &a) == 0);
		CU_ASSERT(memcmp(enc, ref, 65) == 0);
		CU_ASSERT(p256_aff_decode_full(&na, ref) == 0);
		CU_ASSERT(aff_eq(&na, &a));
		/* y + 1 + i: off the curve for both (y' = −y: never) */
		BN_bin2bn(ref + 33, 32, y);
		BN_add_word(y, (BN_ULONG)(1 + i));
		BN_mod(y, y, P, ctx);
		BN_bn2binpad(y, enc + 33, 32);
		int ours = p256_aff_decode_full(&na, enc) == 0;
		int theirs = EC_POINT_oct2point(g, t, enc, 65, ctx) == 1;
		ERR_clear_error();
		CU_ASSERT(!ours && !theirs);
		/* −P: p − y, on the curve */
		BN_bin2bn(ref + 33, 32, y);
		BN_sub(y, P, y);
		BN_bn2binpad(y, enc + 33, 32);
		CU_ASSERT(p256_aff_decode_full(&na, enc) == 0);
		p256_aff_neg(&na, &na);
		CU_ASSERT(aff_eq(&na, &a));
		/* y + p when it fits in 32 bytes; else x + p: not reduced */
		memcpy(enc, ref, 65);
		BN_bin2bn(ref + 33, 32, y);
		BN_add(y, y, P);
		if (BN_num_bytes(y) <= 32)
			BN_bn2binpad(y, enc + 33, 32);
		else
			memset(enc + 1, 0xff, 32);
		CU_ASSERT(p256_aff_decode_full(&na, enc) == -1);
		/* another prefix */
		memcpy(enc, ref, 65);
		enc[0] = (unsigned char)(i % 2 ? 0x02 : 0x06);
		CU_ASSERT(p256_aff_decode_full(&na, enc) == -1);
		EC_POINT_free(p);
		EC_POINT_free(t);
	}
	{
		unsigned char zero[65] = {0x04};
		CU_ASSERT(p256_aff_decode_full(&na, zero) == -1);
		na.inf = 1;
		CU_ASSERT(p256_aff_encode_full(zero, &na) == -1);
	}
	BN_free(y);
}

/* Scalars: random below n, the edges 0, 1, 2, n − 1, n − 2, and a few
 * values at or above n (2^256 − 1) which the code must also handle. */
static void
scalar_value(BIGNUM *k, int i)
{
	switch (i % 9) {
	case 0: BN_zero(k); break;
	case 1: BN_one(k); break;
	case 2: BN_set_word(k, 2); break;
	case 3: BN_sub(k, group_order(), BN_value_one()); break;
	case 4:
		BN_copy(k, group_order());
		BN_sub_word(k, 2);
		break;
	case 5:
		BN_zero(k);
		BN_set_bit(k, 256);
		BN_sub_word(k, 1);
		break;
	case 6: /* 128-bit, as the verifier's weights */
		BN_rand(k, 128, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY);
		break;
	default: rand_bn(k, group_order());
	}
}

static void
test_mul(void)
{
	const EC_GROUP *g = group_curve();
	EC_POINT *r = EC_POINT_new(g);
	BIGNUM *k = BN_new();
	struct p256_aff a;
	struct p256_jac jr;
	struct p256_table *t;
	p256_sc s;

	for (int i = 0; i < 200; i++) {
		EC_POINT *p = rand_point(&a);
		scalar_value(k, i);
		CU_ASSERT_FATAL(p256_sc_from_bn(&s, k) == 0);
		EC_POINT_mul(g, r, NULL, p, k, ctx);
		CU_ASSERT(p256_mul(&jr, &a, &s) == 0);
		CU_ASSERT(jac_is(&jr, r));
		EC_POINT_mul(g, r, k, NULL, NULL, ctx);
		p256_table_mul(&jr, p256_generator_table(), &s);
		CU_ASSERT(jac_is(&jr, r));
		EC_POINT_free(p);
	}
	{ /* a table for another base (the election key's) */
		EC_POINT *p = rand_point(&a);
		CU_ASSERT_FATAL((t = p256_table_new(&a)) != NULL);
		for (int i = 0; i < 60; i++) {
			scalar_value(k, i);
			p256_sc_from_bn(&s, k);
			EC_POINT_mul(g, r, NULL, p, k, ctx);
			p256_table_mul(&jr, t, &s);
			CU_ASSERT(jac_is(&jr, r));
		}
		p256_table_free(t);
		EC_POINT_free(p);
	}
	BN_set_bit(k, 300);
	CU_ASSERT(p256_sc_from_bn(&s, k) == -1);
	BN_free(k);
	EC_POINT_free(r);
}

/* A batch verification's scalars: mostly short (128-bit weights, and
 * lengths around 128 bits: 127, 136, 137 bits, 2^128 − 1, 1), one in six
 * full-size, so most of the top windows hold only a few digits. */
static void
batch_scalar(BIGNUM *k, int i)
{
	static const int bits[] = {128, 127, 136, 137, 1, 128, 64, 128};

	if (i % 6 == 0) {
		scalar_value(k, i / 6);
		return;
	}
	if (i % 13 == 0) {
		BN_zero(k);
		BN_set_bit(k, 128);
		BN_sub_word(k, 1);
		return;
	}
	BN_rand(k, bits[i % 8], BN_RAND_TOP_ONE, BN_RAND_BOTTOM_ANY);
}

/* Σ k_i·P_i against OpenSSL, for sizes on both sides of the Straus /
 * Pippenger switch, with repeated points, opposite points and zero
 * scalars mixed in; batch: scalars as batch_scalar's. */
static void
msm_check_as(size_t n, int batch)
{
	const EC_GROUP *g = group_curve();
	struct p256_aff *a = calloc(n, sizeof(*a));
	p256_sc *s = calloc(n, sizeof(*s));
	EC_POINT *sum = EC_POINT_new(g), *t = EC_POINT_new(g);
	BIGNUM *k = BN_new();
	struct p256_jac jr;

	EC_POINT_set_to_infinity(g, sum);
	for (size_t i = 0; i < n; i++) {
		EC_POINT *p;
		if (i > 2 && i % 7 == 0) { /* same point again */
			p = EC_POINT_new(g);
			p256_aff_to_ec(p, &a[i - 1], ctx);
			a[i] = a[i - 1];
		} else if (i > 2 && i % 11 == 0) { /* its opposite */
			p = EC_POINT_new(g);
			p256_aff_neg(&a[i], &a[i - 1]);
			p256_aff_to_ec(p, &a[i], ctx);
		} else {
			p = rand_point(&a[i]);
		}
		if (batch)
			batch_scalar(k, (int)i);
		else
			scalar_value(k, (int)(i * 5 + n));
		CU_ASSERT_FATAL(p256_sc_from_bn(&s[i], k) == 0);
		EC_POINT_mul(g, t, NULL, p, k, ctx);
		EC_POINT_add(g, sum, sum, t, ctx);
		EC_POINT_free(p);
	}
	CU_ASSERT(p256_msm(&jr, a, s, n) == 0);
	CU_ASSERT(jac_is(&jr, sum));
	if (n > 0) { /* changing one scalar bit changes the result */
		s[n / 2].v[1] ^= 1;
		CU_ASSERT(p256_msm(&jr, a, s, n) == 0);
		CU_ASSERT(!jac_is(&jr, sum));
	}
	BN_free(k);
	EC_POINT_free(sum);
	EC_POINT_free(t);
	free(a);
	free(s);
}

static void
msm_check(size_t n)
{
	msm_check_as(n, 0);
}

/* Many copies of one point (the buckets double) and pairs P, −P with the
 * same scalar (the buckets empty again): Σ = (Σ k_i)·P, and O. */
static void
test_msm_degenerate(void)
{
	enum { N = 300 };
	struct p256_aff a[N], p0;
	p256_sc s[N];
	struct p256_jac jr;
	BIGNUM *k = BN_new(), *sum = BN_new();
	EC_POINT *p = rand_point(&p0), *r = EC_POINT_new(group_curve());

	BN_zero(sum);
	for (int i = 0; i < N; i++) {
		a[i] = p0;
		scalar_value(
		    k, i % 9 == 5 ? 7 : i); /* no 2^256 − 1: reduce below */
		BN_mod_add(sum, sum, k, group_order(), ctx);
		p256_sc_from_bn(&s[i], k);
	}
	EC_POINT_mul(group_curve(), r, NULL, p, sum, ctx);
	CU_ASSERT(p256_msm(&jr, a, s, N) == 0);
	CU_ASSERT(jac_is(&jr, r));
	for (int i = 0; i < N; i += 2) {
		p256_aff_neg(&a[i + 1], &a[i]);
		s[i + 1] = s[i];
	}
	CU_ASSERT(p256_msm(&jr, a, s, N) == 0);
	CU_ASSERT(p256_jac_is_infinity(&jr));
	BN_free(k);
	BN_free(sum);
	EC_POINT_free(p);
	EC_POINT_free(r);
}

/* Σ k_i·P_i by OpenSSL, for the batch-affine tests below. */
static int
msm_is_openssl(const struct p256_aff *a, const p256_sc *s, size_t n)
{
	const EC_GROUP *g = group_curve();
	EC_POINT *sum = EC_POINT_new(g), *p = EC_POINT_new(g),
	         *t = EC_POINT_new(g);
	BIGNUM *k = BN_new();
	struct p256_jac jr;
	unsigned char b[32];
	int ok;

	EC_POINT_set_to_infinity(g, sum);
	for (size_t i = 0; i < n; i++) {
		for (int j = 0; j < 32; j++)
			b[31 - j] =
			    (unsigned char)(s[i].v[j / 8] >> (8 * (j % 8)));
		BN_bin2bn(b, 32, k);
		p256_aff_to_ec(p, &a[i], ctx);
		EC_POINT_mul(g, t, NULL, p, k, ctx);
		EC_POINT_add(g, sum, sum, t, ctx);
	}
	ok = p256_msm(&jr, a, s, n) == 0 && jac_is(&jr, sum);
	BN_free(k);
	EC_POINT_free(sum);
	EC_POINT_free(p);
	EC_POINT_free(t);
	return ok;
}

static void
rand_sc(p256_sc *s, int bits)
{
	RAND_bytes((unsigned char *)s, sizeof(*s));
	for (int i = 0; i < 4; i++)
		if (bits <= 64 * i)
			s->v[i] = 0;
		else if (bits < 64 * (i + 1))
			s->v[i] &= (1ULL << (bits - 64 * i)) - 1;
}

/* The special cases of Pippenger's batch-affine buckets (p256_msm.c),
 * each made to happen inside a batch of affine additions, where getting
 * it wrong poisons the batch's shared inversion or loses a point. */
static void
test_msm_batch_affine(void)
{
	enum { N = 1200 };
	struct p256_aff *a = calloc(N, sizeof(*a));
	p256_sc *s = calloc(N, sizeof(*s));

	for (size_t i = 0; i < N; i++) {
		EC_POINT_free(rand_point(&a[i]));
		rand_sc(&s[i], 128);
	}
	/* one bucket hit again and again while its first addition is still
	 * queued: one point in five has scalar 1 (bucket 1 of window 0),
	 * among 128-bit scalars that keep the batches full, so the pairs
	 * wait for later batches, many times over */
	for (size_t i = 0; i < N; i += 5)
		memset(&s[i], 0, sizeof(s[i])), s[i].v[0] = 1;
	CU_ASSERT(msm_is_openssl(a, s, N));
	/* doublings in a batch: each point twice in a row with its scalar,
	 * the first lands in an empty bucket, the second is the same point */
	for (size_t i = 0; i < N; i++)
		rand_sc(&s[i], i % 6 == 0 ? 256 : 128);
	for (size_t i = 1; i < N; i += 2) {
		a[i] = a[i - 1];
		s[i] = s[i - 1];
	}
	CU_ASSERT(msm_is_openssl(a, s, 26));
	CU_ASSERT(msm_is_openssl(a, s, 730));
	/* P + (−P) in a batch: the bucket empties; the points after it in
	 * that bucket must start from nothing */
	for (size_t i = 1; i < N; i += 2)
		p256_aff_neg(&a[i], &a[i - 1]);
	for (size_t i = 3; i < N; i += 4)
		rand_sc(&s[i], 128); /* half the pairs do not cancel */
	CU_ASSERT(msm_is_openssl(a, s, 26));
	CU_ASSERT(msm_is_openssl(a, s, 730));
	/* many copies of one point in one bucket (doublings, then sums of
	 * multiples of it), and points at infinity among them */
	for (size_t i = 0; i < 500; i++) {
		a[i] = a[0];
		memset(&s[i], 0, sizeof(s[i]));
		s[i].v[0] = 3;
	}
	a[7].inf = a[100].inf = 1;
	CU_ASSERT(msm_is_openssl(a, s, 500));
	/* sizes around the batch and the deferral list (512 each): scalars
	 * below 2^6 give one or two (point, window) pairs per point, into a
	 * few buckets, so most pairs wait, fill the list, and overflow */
	for (size_t i = 0; i < N; i++) {
		EC_POINT_free(rand_point(&a[i]));
		rand_sc(&s[i], 6);
	}
	static const size_t sizes[] = {511, 512, 513, 1023, 1024, 1025, 1200};
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++)
		CU_ASSERT(msm_is_openssl(a, s, sizes[i]));
	free(a);
	free(s);
}

static void
test_msm(void)
{
	for (size_t n = 0; n <= 40; n++)
		msm_check(n);
	msm_check(64);
	msm_check(100);
	msm_check(257);
	msm_check(731);
	msm_check(2000);
	/* shaped as a batch verification (an 8×7 ballot's: 730 points, 132
	 * of them with full-size scalars) */
	msm_check_as(30, 1);
	msm_check_as(100, 1);
	msm_check_as(730, 1);
	msm_check_as(2000, 1);
}

static void
test_batch_aff(void)
{
	struct p256_jac j[5];
	struct p256_aff a[5], b;

	for (int i = 0; i < 5; i++) {
		EC_POINT *p = rand_point(&b);
		p256_jac_from_aff(&j[i], &b);
		p256_jac_dbl(&j[i], &j[i]);
		EC_POINT_free(p);
	}
	p256_jac_infinity(&j[2]);
	CU_ASSERT(p256_batch_to_aff(a, j, 5) == 0);
	for (int i = 0; i < 5; i++) {
		p256_jac_to_aff(&b, &j[i]);
		CU_ASSERT(aff_eq(&a[i], &b));
	}
	CU_ASSERT(a[2].inf);
}

/* A limb value as a BIGNUM. */
static void
sc_to_bn(BIGNUM *r, const p256_sc *a)
{
	unsigned char b[32];

	p256_sc_to_bytes(b, a);
	CU_ASSERT_FATAL(BN_bin2bn(b, 32, r) != NULL);
}

/* Values below n, next to 0 and n, or random. */
static void
order_value(BIGNUM *r, int i)
{
	const BIGNUM *n = group_order();

	switch (i % 6) {
	case 0: BN_sub(r, n, BN_value_one()); break;
	case 1: BN_zero(r); break;
	case 2: BN_one(r); break;
	case 3: BN_rshift1(r, n); break;
	case 4: BN_sub_word(BN_copy(r, n), (BN_ULONG)(i + 2)); break;
	default: rand_bn(r, n); break;
	}
}

/* p256_scalar.c against BN_mod_*: decoding (refusing ≥ n), addition,
 * subtraction, and the reduction of 512-bit values (the batch's summed
 * coefficients, the 48-byte hashes). */
static void
test_scalar(void)
{
	const BIGNUM *n = group_order();
	BIGNUM *a = BN_new(), *b = BN_new(), *want = BN_new(), *got = BN_new();
	unsigned char buf[64];
	p256_sc x, y, z;

	for (int i = 0; i < 600; i++) {
		order_value(a, i);
		order_value(b, i / 6 + 7 * i);
		CU_ASSERT_FATAL(BN_bn2binpad(a, buf, 32) == 32);
		CU_ASSERT_FATAL(p256_sc_from_bytes(&x, buf) == 0);
		CU_ASSERT_FATAL(BN_bn2binpad(b, buf, 32) == 32);
		CU_ASSERT_FATAL(p256_sc_from_bytes(&y, buf) == 0);
		p256_sc_add(&z, &x, &y);
		BN_mod_add(want, a, b, n, ctx);
		sc_to_bn(got, &z);
		CU_ASSERT(BN_cmp(got, want) == 0);
		p256_sc_sub(&z, &x, &y);
		BN_mod_sub(want, a, b, n, ctx);
		sc_to_bn(got, &z);
		CU_ASSERT(BN_cmp(got, want) == 0);
		CU_ASSERT(p256_sc_eq(&x, &x) && p256_sc_eq(&x, &y) == (BN_cmp(a, b) == 0));
	}
	/* n, n + 1 and 2^256 − 1 are not scalars */
	BN_bn2binpad(n, buf, 32);
	CU_ASSERT(p256_sc_from_bytes(&x, buf) == -1);
	BN_add(a, n, BN_value_one());
	BN_bn2binpad(a, buf, 32);
	CU_ASSERT(p256_sc_from_bytes(&x, buf) == -1);
	memset(buf, 0xff, 32);
	CU_ASSERT(p256_sc_from_bytes(&x, buf) == -1);
	/* reductions: random lengths up to 64 bytes, all-ones, zero */
	for (int i = 0; i < 2000; i++) {
		size_t len = i < 64 ? (size_t)i + 1 : (size_t)(i % 65);
		if (i % 5 == 0)
			memset(buf, 0xff, len);
		else
			CU_ASSERT_FATAL(RAND_bytes(buf, (int)len) == 1);
		CU_ASSERT_FATAL(p256_sc_from_wide_bytes(&x, buf, len) == 0);
		CU_ASSERT_FATAL(BN_bin2bn(buf, (int)len, a) != NULL);
		BN_nnmod(want, a, n, ctx);
		sc_to_bn(got, &x);
		CU_ASSERT(BN_cmp(got, want) == 0);
	}
	/* k·n + r for r next to n: the last subtractions */
	for (int i = 0; i < 100; i++) {
		BN_rand(a, 250, BN_RAND_TOP_ANY, BN_RAND_BOTTOM_ANY);
		BN_mul(a, a, n, ctx);
		order_value(b, i);
		BN_add(a, a, b);
		CU_ASSERT_FATAL(BN_num_bytes(a) <= 64);
		BN_bn2binpad(a, buf, 64);
		CU_ASSERT_FATAL(p256_sc_from_wide_bytes(&x, buf, 64) == 0);
		sc_to_bn(got, &x);
		CU_ASSERT(BN_cmp(got, b) == 0);
	}
	CU_ASSERT(p256_sc_from_wide_bytes(&x, buf, 65) == -1);
	BN_free(a);
	BN_free(b);
	BN_free(want);
	BN_free(got);
}

/* The same checks on the baseline product where the CPU would use the
 * MULX/ADX one (lib/p256_fe.h): both paths are tested on one machine. */
static void
test_field_base(void)
{
	int was = p256_fe_use_adx(0);

	test_field();
	test_msm();
	p256_fe_use_adx(was);
}

int
main(void)
{
	CU_TestInfo tests[] = {
	    {"field against BN_mod_*", test_field},
	    {"field and MSM, baseline product (no MULX/ADX)", test_field_base},
	    {"points against EC_POINT_*", test_points},
	    {"uncompressed encoding against EC_POINT_*", test_uncompressed},
	    {"multiplications and tables", test_mul},
	    {"multi-scalar multiplication", test_msm},
	    {"multi-scalar multiplication, degenerate", test_msm_degenerate},
	    {"multi-scalar multiplication, batch-affine cases",
	        test_msm_batch_affine},
	    {"batch affine conversion", test_batch_aff},
	    {"scalars mod n against BN_mod_*", test_scalar},
	    CU_TEST_INFO_NULL,
	};
	int rc;

	ctx = BN_CTX_new();
	P = BN_new();
	BN_hex2bn(&P,
	    "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff");
	printf("p256: field product with MULX/ADX: %s\n", p256_fe_use_adx(1) ? "yes" : "no");
	rc = cu_run("p256", tests);
	BN_free(P);
	BN_CTX_free(ctx);
	return rc;
}
