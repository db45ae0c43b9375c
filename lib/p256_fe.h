/* p256_fe.h: the hot part of the P-256 field arithmetic (p256_field.c),
 * inline so that the point formulas (p256_point.c) pay no call per
 * operation. Private to lib/p256_*.c. VARIABLE-TIME, public data only
 * (see p256.h). Values in Montgomery form, always fully reduced. */
#ifndef ISOLOIR_P256_FE_H
#define ISOLOIR_P256_FE_H

#include <string.h>

#include "p256.h"

typedef unsigned __int128 u128;

static const uint64_t P[4] = {0xffffffffffffffffULL, 0x00000000ffffffffULL,
    0x0000000000000000ULL, 0xffffffff00000001ULL};
/* R² mod p, to enter Montgomery form; R mod p is the form of 1. */
static const p256_fe P256_R2 = {{0x0000000000000003ULL, 0xfffffffbffffffffULL,
    0xfffffffffffffffeULL, 0x00000004fffffffdULL}};
static const p256_fe P256_ONE = {{0x0000000000000001ULL, 0xffffffff00000000ULL,
    0xffffffffffffffffULL, 0x00000000fffffffeULL}};

/* r = t − p if t (5 limbs, t < 2p) is ≥ p, else t. */
static inline void
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
static inline void
fe_mul(p256_fe *r, const p256_fe *a, const p256_fe *b)
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

/* a²: the six cross products once, doubled, plus the four squares
 * (10 multiplications instead of 16), then the same reduction. */
static inline void
fe_sqr(p256_fe *r, const p256_fe *a)
{
	uint64_t t[8], hc = 0, u[5], c = 0;
	u128 x;

	t[0] = 0;
	t[1] = 0;
	t[2] = 0;
	t[3] = 0;
	MAC(t[1], c, a->v[0], a->v[1]);
	MAC(t[2], c, a->v[0], a->v[2]);
	MAC(t[3], c, a->v[0], a->v[3]);
	t[4] = c;
	c = 0;
	MAC(t[3], c, a->v[1], a->v[2]);
	MAC(t[4], c, a->v[1], a->v[3]);
	t[5] = c;
	c = 0;
	MAC(t[5], c, a->v[2], a->v[3]);
	t[6] = c;
	t[7] = t[6] >> 63; /* double t[1..6] */
	for (int i = 6; i > 1; i--)
		t[i] = t[i] << 1 | t[i - 1] >> 63;
	t[1] <<= 1;
	c = 0;
	for (int i = 0; i < 4; i++) {
		x = (u128)a->v[i] * a->v[i] + t[2 * i] + c;
		t[2 * i] = (uint64_t)x;
		x = (x >> 64) + t[2 * i + 1];
		t[2 * i + 1] = (uint64_t)x;
		c = (uint64_t)(x >> 64);
	}
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

static inline void
fe_add(p256_fe *r, const p256_fe *a, const p256_fe *b)
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

static inline void
fe_sub(p256_fe *r, const p256_fe *a, const p256_fe *b)
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

#endif
