/* p256_field.c: arithmetic modulo p = 2^256 − 2^224 + 2^192 + 2^96 − 1 in
 * Montgomery form (R = 2^256), 4 × 64-bit limbs with unsigned __int128
 * products. VARIABLE-TIME, public data only (see p256.h). Every function
 * returns a fully reduced value, which the point code relies on to test
 * equality and zero limb by limb. */
#include "config.h"

#include <string.h>

#include "p256.h"

typedef unsigned __int128 u128;

static const uint64_t P[4] = {0xffffffffffffffffULL, 0x00000000ffffffffULL,
    0x0000000000000000ULL, 0xffffffff00000001ULL};
/* R² mod p, to enter Montgomery form; R mod p is the form of 1. */
static const p256_fe R2 = {{0x0000000000000003ULL, 0xfffffffbffffffffULL,
    0xfffffffffffffffeULL, 0x00000004fffffffdULL}};
static const p256_fe ONE = {{0x0000000000000001ULL, 0xffffffff00000000ULL,
    0xffffffffffffffffULL, 0x00000000fffffffeULL}};

/* r = t − p if t (5 limbs, t < 2p) is ≥ p, else t. */
static void
fe_reduce_once(uint64_t r[4], const uint64_t t[5])
{
	uint64_t d[4], borrow = 0;

	for (int i = 0; i < 4; i++) {
		u128 x = (u128)t[i] - P[i] - borrow;
		d[i] = (uint64_t)x;
		borrow = (uint64_t)(x >> 64) & 1;
	}
	/* t ≥ p exactly when the 5-limb subtraction does not borrow. */
	if (t[4] >= borrow)
		memcpy(r, d, sizeof(d));
	else
		memcpy(r, t, sizeof(d));
}

/* c:t = a·b + t + c (one 64 × 64 multiply-accumulate). */
#define MAC(t, c, a, b)                                                        \
	do {                                                                   \
		u128 mx_ = (u128)(a) * (b) + (t) + (c);                        \
		(t) = (uint64_t)mx_;                                           \
		(c) = (uint64_t)(mx_ >> 64);                                   \
	} while (0)

/* One row of the schoolbook product: t[i..i+4] += a·b_i. */
#define ROW(i)                                                                 \
	do {                                                                   \
		uint64_t c_ = 0;                                               \
		MAC(t[i], c_, a->v[0], b->v[i]);                               \
		MAC(t[i + 1], c_, a->v[1], b->v[i]);                           \
		MAC(t[i + 2], c_, a->v[2], b->v[i]);                           \
		MAC(t[i + 3], c_, a->v[3], b->v[i]);                           \
		t[i + 4] = c_;                                                 \
	} while (0)

/* One Montgomery step: t += m·p·2^(64i) with m = t[i], which clears t[i].
 * −p⁻¹ mod 2^64 is 1 (p ≡ −1 mod 2^64), so the quotient digit is t[i]
 * itself, and m·p0 + t[i] = m·2^64 exactly (carry m). p2 = 0. hc carries
 * the top overflow into the next step. */
#define REDC(i)                                                                \
	do {                                                                   \
		uint64_t m_ = t[i], c_ = m_;                                   \
		MAC(t[i + 1], c_, m_, P[1]);                                   \
		u128 x_ = (u128)t[i + 2] + c_;                                 \
		t[i + 2] = (uint64_t)x_;                                       \
		c_ = (uint64_t)(x_ >> 64);                                     \
		MAC(t[i + 3], c_, m_, P[3]);                                   \
		x_ = (u128)t[i + 4] + c_ + hc;                                 \
		t[i + 4] = (uint64_t)x_;                                       \
		hc = (uint64_t)(x_ >> 64);                                     \
	} while (0)

/* Montgomery product a·b·R⁻¹ mod p: full 512-bit product, then four
 * reduction steps; hand-unrolled because the looped form is 1.5–2× slower
 * at -O2. Result < 2p before the final subtraction. */
void
p256_fe_mul(p256_fe *r, const p256_fe *a, const p256_fe *b)
{
	uint64_t t[8] = {0}, hc = 0, u[5];

	ROW(0);
	ROW(1);
	ROW(2);
	ROW(3);
	REDC(0);
	REDC(1);
	REDC(2);
	REDC(3);
	u[0] = t[4];
	u[1] = t[5];
	u[2] = t[6];
	u[3] = t[7];
	u[4] = hc;
	fe_reduce_once(r->v, u);
}

void
p256_fe_sqr(p256_fe *r, const p256_fe *a)
{
	p256_fe_mul(r, a, a);
}

void
p256_fe_add(p256_fe *r, const p256_fe *a, const p256_fe *b)
{
	uint64_t t[5];
	u128 c = 0;

	for (int i = 0; i < 4; i++) {
		c += (u128)a->v[i] + b->v[i];
		t[i] = (uint64_t)c;
		c >>= 64;
	}
	t[4] = (uint64_t)c;
	fe_reduce_once(r->v, t);
}

void
p256_fe_sub(p256_fe *r, const p256_fe *a, const p256_fe *b)
{
	uint64_t borrow = 0, t[4];

	for (int i = 0; i < 4; i++) {
		u128 x = (u128)a->v[i] - b->v[i] - borrow;
		t[i] = (uint64_t)x;
		borrow = (uint64_t)(x >> 64) & 1;
	}
	if (borrow) { /* went below zero: add p back (the carry out cancels) */
		u128 c = 0;
		for (int i = 0; i < 4; i++) {
			c += (u128)t[i] + P[i];
			t[i] = (uint64_t)c;
			c >>= 64;
		}
	}
	memcpy(r->v, t, sizeof(t));
}

void
p256_fe_neg(p256_fe *r, const p256_fe *a)
{
	p256_fe zero = {{0}};

	p256_fe_sub(r, &zero, a);
}

int
p256_fe_is_zero(const p256_fe *a)
{
	return (a->v[0] | a->v[1] | a->v[2] | a->v[3]) == 0;
}

int
p256_fe_eq(const p256_fe *a, const p256_fe *b)
{
	return memcmp(a->v, b->v, sizeof(a->v)) == 0;
}

void
p256_fe_one(p256_fe *r)
{
	*r = ONE;
}

/* r = a^e, e given as 4 little-endian limbs, left to right. */
static void
fe_pow(p256_fe *r, const p256_fe *a, const uint64_t e[4])
{
	p256_fe x = ONE;

	for (int i = 255; i >= 0; i--) {
		p256_fe_sqr(&x, &x);
		if (e[i / 64] >> (i % 64) & 1)
			p256_fe_mul(&x, &x, a);
	}
	*r = x;
}

void
p256_fe_inv(p256_fe *r, const p256_fe *a)
{
	static const uint64_t pm2[4] = {0xfffffffffffffffdULL,
	    0x00000000ffffffffULL, 0, 0xffffffff00000001ULL};

	fe_pow(r, a, pm2);
}

/* p ≡ 3 mod 4, so a candidate root is a^((p+1)/4); it is one only when
 * a is a square, which the final check decides. */
int
p256_fe_sqrt(p256_fe *r, const p256_fe *a)
{
	static const uint64_t e[4] = {0x0000000000000000ULL,
	    0x0000000040000000ULL, 0x4000000000000000ULL,
	    0x3fffffffc0000000ULL};
	p256_fe x, x2;

	fe_pow(&x, a, e);
	p256_fe_sqr(&x2, &x);
	if (!p256_fe_eq(&x2, a))
		return -1;
	*r = x;
	return 0;
}

int
p256_fe_from_bytes(p256_fe *r, const unsigned char b[32])
{
	p256_fe t;
	uint64_t borrow = 0;

	for (int i = 0; i < 4; i++) {
		uint64_t w = 0;
		for (int j = 0; j < 8; j++)
			w = w << 8 | b[(3 - i) * 8 + j];
		t.v[i] = w;
	}
	for (int i = 0; i < 4; i++) { /* refuse t ≥ p: not canonical */
		u128 x = (u128)t.v[i] - P[i] - borrow;
		borrow = (uint64_t)(x >> 64) & 1;
	}
	if (!borrow)
		return -1;
	p256_fe_mul(r, &t, &R2);
	return 0;
}

void
p256_fe_to_bytes(unsigned char b[32], const p256_fe *a)
{
	static const p256_fe plain_one = {{1, 0, 0, 0}};
	p256_fe t;

	p256_fe_mul(&t, a, &plain_one);
	for (int i = 0; i < 4; i++)
		for (int j = 0; j < 8; j++)
			b[(3 - i) * 8 + j] =
			    (unsigned char)(t.v[i] >> (56 - 8 * j));
}
