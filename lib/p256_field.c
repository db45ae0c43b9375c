/* p256_field.c: arithmetic modulo p = 2^256 − 2^224 + 2^192 + 2^96 − 1 in
 * Montgomery form (R = 2^256), 4 × 64-bit limbs with unsigned __int128
 * products. VARIABLE-TIME, public data only (see p256.h). Every function
 * returns a fully reduced value, which the point code relies on to test
 * equality and zero limb by limb. */
#include "config.h"

#include <string.h>

#include "p256_fe.h"

#if defined(__x86_64__) && !defined(P256_PORTABLE)
#include <cpuid.h>

int p256_fe_adx;

/* CPUID leaf 7, EBX: bit 8 is BMI2 (MULX), bit 19 ADX (ADCX, ADOX). */
static int
cpu_has_adx(void)
{
	unsigned a, b, c, d;

	return __get_cpuid_count(7, 0, &a, &b, &c, &d) && (b >> 8 & 1) && (b >> 19 & 1);
}

/* Before main, hence before any thread reads it. */
__attribute__((constructor)) static void
p256_fe_detect(void)
{
	p256_fe_adx = cpu_has_adx();
}

int
p256_fe_use_adx(int on)
{
	int was = p256_fe_adx;

	p256_fe_adx = on && cpu_has_adx();
	return was;
}
#else
int
p256_fe_use_adx(int on)
{
	(void)on;
	return 0;
}
#endif

void
p256_fe_mul(p256_fe *r, const p256_fe *a, const p256_fe *b)
{
	fe_mul(r, a, b);
}

void
p256_fe_sqr(p256_fe *r, const p256_fe *a)
{
	fe_sqr(r, a);
}

void
p256_fe_add(p256_fe *r, const p256_fe *a, const p256_fe *b)
{
	fe_add(r, a, b);
}

void
p256_fe_sub(p256_fe *r, const p256_fe *a, const p256_fe *b)
{
	fe_sub(r, a, b);
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
	*r = P256_ONE;
}

/* a^(2^n); on a local copy, which the compiler keeps in registers. */
static void
fe_sqr_n(p256_fe *r, const p256_fe *a, int n)
{
	p256_fe x = *a;

	while (n-- > 0)
		fe_sqr(&x, &x);
	*r = x;
}

/* x[j] = a^(2^(2^(j+1)) − 1): a^(2^2 − 1) up to a^(2^32 − 1), the start
 * of both exponentiation chains below (5 products, 31 squarings). */
static void
fe_ones(p256_fe x[5], const p256_fe *a)
{
	p256_fe t;

	fe_sqr(&t, a);
	fe_mul(&x[0], &t, a);
	for (int j = 1; j < 5; j++) {
		fe_sqr_n(&t, &x[j - 1], 1 << j);
		fe_mul(&x[j], &t, &x[j - 1]);
	}
}

/* a^(p − 2) by Fermat. p − 2 is, from the top: 32 ones, 31 zeros, a
 * one, 96 zeros, 94 ones, 0, 1: an addition chain of 269 squarings and
 * 13 multiplications (square-and-multiply needs 128 multiplications;
 * the batch-affine MSM does one inversion per ~300 additions). */
void
p256_fe_inv(p256_fe *r, const p256_fe *a)
{
	p256_fe x[5], x30, t;

	fe_ones(x, a);
	fe_sqr_n(&t, &x[3], 8);
	fe_mul(&t, &t, &x[2]);
	fe_sqr_n(&t, &t, 4);
	fe_mul(&t, &t, &x[1]);
	fe_sqr_n(&t, &t, 2);
	fe_mul(&x30, &t, &x[0]); /* a^(2^30 − 1) */
	fe_sqr_n(&t, &x[4], 32);
	fe_mul(&t, &t, a); /* ffffffff00000001 */
	fe_sqr_n(&t, &t, 128);
	fe_mul(&t, &t, &x[4]); /* then 96 zeros and 32 ones */
	fe_sqr_n(&t, &t, 32);
	fe_mul(&t, &t, &x[4]);
	fe_sqr_n(&t, &t, 30);
	fe_mul(&t, &t, &x30); /* 62 more ones */
	fe_sqr_n(&t, &t, 2);
	fe_mul(r, &t, a); /* 0, 1 */
}

/* p ≡ 3 mod 4, so a candidate root is a^((p+1)/4); it is one only when
 * a is a square, which the final check decides. The exponent is
 * (2^32 − 1)·2^222 + 2^190 + 2^94: an addition chain of 253 squarings and
 * 7 multiplications (the binary method needs 34 multiplications). */
int
p256_fe_sqrt(p256_fe *r, const p256_fe *a)
{
	p256_fe ones[5], t, x;

	fe_ones(ones, a);
	fe_sqr_n(&t, &ones[4], 32);
	fe_mul(&t, &t, a);
	fe_sqr_n(&t, &t, 96);
	fe_mul(&t, &t, a);
	fe_sqr_n(&x, &t, 94);
	fe_sqr(&t, &x);
	if (!p256_fe_eq(&t, a))
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
	p256_fe_mul(r, &t, &P256_R2);
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
