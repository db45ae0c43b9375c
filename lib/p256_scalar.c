/* p256_scalar.c: arithmetic modulo the group order n on p256_sc limbs,
 * for the verifier's public scalars (challenges, responses, batch
 * weights and coefficients). Variable time: never give it a secret.
 * It replaces OpenSSL BIGNUMs on the verification path, where a ballot
 * decoded ~400 scalars, summed ~190 challenge sets and reduced ~2,000
 * coefficients through BN_nnmod/BN_div (~13 % of a verification's
 * instructions, docs/performance.md). */
#include "config.h"

#include <string.h>

#include "p256.h"

typedef unsigned __int128 u128;

static const p256_sc order = {{0xf3b9cac2fc632551ULL, 0xbce6faada7179e84ULL,
    0xffffffffffffffffULL, 0xffffffff00000000ULL}};
/* −n⁻¹ mod 2^64 and R² mod n (R = 2^256), for one Montgomery product */
static const uint64_t order_n0 = 0xccd1c8aaee00bc4fULL;
static const p256_sc order_rr = {{0x83244c95be79eea2ULL, 0x4699799c49bd6fa6ULL,
    0x2845b2392b6bec59ULL, 0x66e12d94f3d95620ULL}};

/* a ≥ b on 4 limbs */
static int
sc_geq(const uint64_t a[4], const uint64_t b[4])
{
	for (int i = 3; i >= 0; i--)
		if (a[i] != b[i])
			return a[i] > b[i];
	return 1;
}

/* r = a − b on 4 limbs; returns the borrow */
static uint64_t
sc_sub_raw(uint64_t r[4], const uint64_t a[4], const uint64_t b[4])
{
	uint64_t borrow = 0;

	for (int i = 0; i < 4; i++) {
		u128 d = (u128)a[i] - b[i] - borrow;
		r[i] = (uint64_t)d;
		borrow = (uint64_t)(d >> 64) & 1;
	}
	return borrow;
}

int
p256_sc_from_bytes(p256_sc *r, const unsigned char b[32])
{
	for (int i = 0; i < 4; i++) {
		uint64_t w = 0;
		for (int j = 0; j < 8; j++)
			w = w << 8 | b[(3 - i) * 8 + j];
		r->v[i] = w;
	}
	return sc_geq(r->v, order.v) ? -1 : 0;
}

void
p256_sc_to_bytes(unsigned char b[32], const p256_sc *a)
{
	for (int i = 0; i < 4; i++)
		for (int j = 0; j < 8; j++)
			b[31 - 8 * i - j] = (unsigned char)(a->v[i] >> (8 * j));
}

void
p256_sc_add(p256_sc *r, const p256_sc *a, const p256_sc *b)
{
	uint64_t t[4], carry = 0;

	for (int i = 0; i < 4; i++) {
		u128 s = (u128)a->v[i] + b->v[i] + carry;
		t[i] = (uint64_t)s;
		carry = (uint64_t)(s >> 64);
	}
	/* a + b < 2n < 2^257: one subtraction at most */
	if (carry || sc_geq(t, order.v))
		sc_sub_raw(t, t, order.v);
	memcpy(r->v, t, sizeof(t));
}

void
p256_sc_sub(p256_sc *r, const p256_sc *a, const p256_sc *b)
{
	uint64_t t[4];

	if (sc_sub_raw(t, a->v, b->v)) {
		/* a − b + n: the sum wraps back into [0, n) */
		uint64_t carry = 0;
		for (int i = 0; i < 4; i++) {
			u128 s = (u128)t[i] + order.v[i] + carry;
			t[i] = (uint64_t)s;
			carry = (uint64_t)(s >> 64);
		}
	}
	memcpy(r->v, t, sizeof(t));
}

int
p256_sc_eq(const p256_sc *a, const p256_sc *b)
{
	return memcmp(a->v, b->v, sizeof(a->v)) == 0;
}

/* t += x·y·2^(64·i), t on 9 limbs (no carry out of them here). */
static void
sc_mac_row(uint64_t t[9], uint64_t x, const uint64_t y[4], int i)
{
	u128 c = 0;

	for (int j = 0; j < 4; j++) {
		c += (u128)x * y[j] + t[i + j];
		t[i + j] = (uint64_t)c;
		c >>= 64;
	}
	for (int j = i + 4; c != 0 && j < 9; j++) {
		c += t[j];
		t[j] = (uint64_t)c;
		c >>= 64;
	}
}

/* a·b·R⁻¹ mod n for a < 2^256, b < n (so a·b < R·n and the result < 2n
 * before the last subtraction): operand scanning, then Montgomery's
 * reduction one limb at a time (each row zeroes limb i). */
static void
sc_mont_mul(uint64_t r[4], const uint64_t a[4], const uint64_t b[4])
{
	uint64_t t[9] = {0};

	for (int i = 0; i < 4; i++)
		sc_mac_row(t, a[i], b, i);
	for (int i = 0; i < 4; i++)
		sc_mac_row(t, t[i] * order_n0, order.v, i);
	/* t[4..8] < 2n < 2^257 */
	if (t[8] != 0 || sc_geq(t + 4, order.v))
		sc_sub_raw(t + 4, t + 4, order.v);
	memcpy(r, t + 4, 4 * sizeof(uint64_t));
}

/* x = hi·2^256 + lo ≡ hi·R²·R⁻¹ + lo (mod n): one Montgomery product and
 * one addition, each operand first brought below n (R < 2n: at most one
 * subtraction each). */
void
p256_sc_reduce(p256_sc *r, const uint64_t x[8])
{
	p256_sc hi, lo;

	memcpy(lo.v, x, sizeof(lo.v));
	if (sc_geq(lo.v, order.v))
		sc_sub_raw(lo.v, lo.v, order.v);
	sc_mont_mul(hi.v, x + 4, order_rr.v);
	p256_sc_add(r, &hi, &lo);
}

int
p256_sc_from_wide_bytes(p256_sc *r, const unsigned char *b, size_t len)
{
	uint64_t x[8] = {0};

	if (len > 64)
		return -1;
	for (size_t i = 0; i < len; i++) {
		size_t bit = 8 * (len - 1 - i); /* big-endian */
		x[bit / 64] |= (uint64_t)b[i] << (bit % 64);
	}
	p256_sc_reduce(r, x);
	return 0;
}
