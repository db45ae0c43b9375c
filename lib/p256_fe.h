/* p256_fe.h: the hot part of the P-256 field arithmetic (p256_field.c),
 * inline so that the point formulas (p256_point.c) pay no call per
 * operation. Private to lib/p256_*.c. VARIABLE-TIME, public data only
 * (see p256.h). Values in Montgomery form, always fully reduced. */
#ifndef ISOLOIR_P256_FE_H
#define ISOLOIR_P256_FE_H

#include <string.h>

#include "p256.h"

/* GCC at -O2 does not inline functions this large by itself; left as
 * calls, the point formulas run ~15 % slower (bench-crypto). */
#if defined(__GNUC__)
#define FE_INLINE static inline __attribute__((always_inline))
#else
#define FE_INLINE static inline
#endif

typedef unsigned __int128 u128;

static const uint64_t P[4] = {0xffffffffffffffffULL, 0x00000000ffffffffULL,
    0x0000000000000000ULL, 0xffffffff00000001ULL};
/* R² mod p, to enter Montgomery form; R mod p is the form of 1. */
static const p256_fe P256_R2 = {{0x0000000000000003ULL, 0xfffffffbffffffffULL,
    0xfffffffffffffffeULL, 0x00000004fffffffdULL}};
static const p256_fe P256_ONE = {{0x0000000000000001ULL, 0xffffffff00000000ULL,
    0xffffffffffffffffULL, 0x00000000fffffffeULL}};

/* Add and subtract with carry: the x86-64 intrinsics compile to adc/sbb
 * chains; elsewhere the same in portable C (-DP256_PORTABLE forces it, to
 * run test-p256 on that path: it passes). */
#if defined(__x86_64__) && !defined(P256_PORTABLE)
#include <x86intrin.h>
FE_INLINE unsigned char
fe_adc(unsigned char c, uint64_t a, uint64_t b, uint64_t *out)
{
	unsigned long long o;

	c = _addcarry_u64(c, a, b, &o);
	*out = o;
	return c;
}
FE_INLINE unsigned char
fe_sbb(unsigned char c, uint64_t a, uint64_t b, uint64_t *out)
{
	unsigned long long o;

	c = _subborrow_u64(c, a, b, &o);
	*out = o;
	return c;
}
#else
FE_INLINE unsigned char
fe_adc(unsigned char c, uint64_t a, uint64_t b, uint64_t *out)
{
	u128 x = (u128)a + b + c;

	*out = (uint64_t)x;
	return (unsigned char)(x >> 64);
}
FE_INLINE unsigned char
fe_sbb(unsigned char c, uint64_t a, uint64_t b, uint64_t *out)
{
	u128 x = (u128)a - b - c;

	*out = (uint64_t)x;
	return (unsigned char)(x >> 64) & 1;
}
#endif

/* r = t − p if t (5 limbs, t < 2p) is ≥ p, else t. */
FE_INLINE void
fe_reduce_once(uint64_t r[4], const uint64_t t[5])
{
	uint64_t d[4], x;
	unsigned char b = 0;

	b = fe_sbb(b, t[0], P[0], &d[0]);
	b = fe_sbb(b, t[1], P[1], &d[1]);
	b = fe_sbb(b, t[2], P[2], &d[2]);
	b = fe_sbb(b, t[3], P[3], &d[3]);
	b = fe_sbb(b, t[4], 0, &x);
	/* t ≥ p exactly when the 5-limb subtraction does not borrow. */
	if (!b)
		memcpy(r, d, sizeof(d));
	else
		memcpy(r, t, sizeof(d));
}

/* t[i..i+4] += a·b_i (t[i+4] not yet written): the four products laid
 * out in one carry chain, then added in a second. */
#define ROW(i)                                                                 \
	do {                                                                   \
		u128 p0_ = (u128)a->v[0] * b->v[i];                            \
		u128 p1_ = (u128)a->v[1] * b->v[i];                            \
		u128 p2_ = (u128)a->v[2] * b->v[i];                            \
		u128 p3_ = (u128)a->v[3] * b->v[i];                            \
		uint64_t r1_, r2_, r3_;                                        \
		unsigned char c_ = 0;                                          \
		c_ = fe_adc(c_, (uint64_t)(p0_ >> 64), (uint64_t)p1_, &r1_);   \
		c_ = fe_adc(c_, (uint64_t)(p1_ >> 64), (uint64_t)p2_, &r2_);   \
		c_ = fe_adc(c_, (uint64_t)(p2_ >> 64), (uint64_t)p3_, &r3_);   \
		uint64_t r4_ = (uint64_t)(p3_ >> 64) + c_;                     \
		c_ = 0;                                                        \
		c_ = fe_adc(c_, t[i], (uint64_t)p0_, &t[i]);                   \
		c_ = fe_adc(c_, t[i + 1], r1_, &t[i + 1]);                     \
		c_ = fe_adc(c_, t[i + 2], r2_, &t[i + 2]);                     \
		c_ = fe_adc(c_, t[i + 3], r3_, &t[i + 3]);                     \
		t[i + 4] = r4_ + c_;                                           \
	} while (0)

/* One Montgomery step: t += m·p·2^(64i) with m = t[i], which clears t[i].
 * −p⁻¹ mod 2^64 is 1 (p ≡ −1 mod 2^64), so the quotient digit is t[i]
 * itself; m·p0 + t[i] = m·2^64 (carry m), and that carry plus
 * m·p1 = m·(2^32 − 1) is m·2^32; p2 = 0; only m·p3 needs a product.
 * hc carries the overflow above t[i+4] into the next step. */
#define REDC(i)                                                                \
	do {                                                                   \
		uint64_t m_ = t[i];                                            \
		u128 q_ = (u128)m_ * P[3];                                     \
		unsigned char c_ = 0, d_ = 0;                                  \
		c_ = fe_adc(c_, t[i + 1], m_ << 32, &t[i + 1]);                \
		c_ = fe_adc(c_, t[i + 2], m_ >> 32, &t[i + 2]);                \
		c_ = fe_adc(c_, t[i + 3], (uint64_t)q_, &t[i + 3]);            \
		c_ = fe_adc(c_, t[i + 4], (uint64_t)(q_ >> 64), &t[i + 4]);    \
		d_ = fe_adc(d_, t[i + 4], hc, &t[i + 4]);                      \
		hc = (uint64_t)c_ + d_;                                        \
	} while (0)

#define REDC_ALL()                                                             \
	do {                                                                   \
		uint64_t u_[5];                                                \
		REDC(0);                                                       \
		REDC(1);                                                       \
		REDC(2);                                                       \
		REDC(3);                                                       \
		u_[0] = t[4];                                                  \
		u_[1] = t[5];                                                  \
		u_[2] = t[6];                                                  \
		u_[3] = t[7];                                                  \
		u_[4] = hc;                                                    \
		fe_reduce_once(r->v, u_);                                      \
	} while (0)

/* Montgomery product a·b·R⁻¹ mod p: full 512-bit product, then four
 * reduction steps (result < 2p), then one conditional subtraction. */
FE_INLINE void
fe_mul_c(p256_fe *r, const p256_fe *a, const p256_fe *b)
{
	uint64_t t[8] = {0}, hc = 0;

	ROW(0);
	ROW(1);
	ROW(2);
	ROW(3);
	REDC_ALL();
}

#if defined(__x86_64__) && !defined(P256_PORTABLE)
/* The end of both products: the value in r12, r13, r8, r9 with r10 above;
 * subtract p once when it is at least p (no borrow out of r10), store. */
#define FE_MUL_TAIL                                                            \
	"movq %%r12, %%rcx\n\t"                                               \
	"movq %%r13, %%r14\n\t"                                               \
	"movq %%r8, %%rax\n\t"                                                \
	"movq %%r9, %%rdx\n\t"                                                \
	"subq $-1, %%r12\n\t"                                                 \
	"sbbq %[p1], %%r13\n\t"                                               \
	"sbbq $0, %%r8\n\t"                                                   \
	"sbbq %[p3], %%r9\n\t"                                                \
	"sbbq $0, %%r10\n\t"                                                  \
	"cmovcq %%rcx, %%r12\n\t"                                             \
	"cmovcq %%r14, %%r13\n\t"                                             \
	"cmovcq %%rax, %%r8\n\t"                                              \
	"cmovcq %%rdx, %%r9\n\t"                                              \
	"movq %%r12, 0(%[r])\n\t"                                             \
	"movq %%r13, 8(%[r])\n\t"                                             \
	"movq %%r8, 16(%[r])\n\t"                                             \
	"movq %%r9, 24(%[r])\n\t"                                             \
	:                                                                      \
	: [r] "r"(r->v), [a] "r"(a->v), [b] "r"(b->v), [p1] "m"(P[1]),         \
	[p3] "m"(P[3])                                                         \
	: "rax", "rcx", "rdx", "r8", "r9", "r10", "r11", "r12", "r13", "r14",  \
	"cc", "memory"

/* The same product in x86-64 assembly (baseline instructions: MUL, ADC,
 * CMOV; no BMI2/ADX needed): operand scanning, each row of a·b_i followed
 * at once by its reduction step (m = the lowest limb; m·p is
 * m·2^96 − m + m·(2^64 − 2^32 + 1)·2^192, p being −1 mod 2^64), the
 * accumulator rotating through r8–r13, then one conditional subtraction
 * of p. GCC's code for the C version keeps ~30 values on the stack
 * (docs/performance.md); this one keeps everything in registers. r may
 * be a or b: it is written last. test-p256 checks it against BN_mod_mul. */
FE_INLINE void
fe_mul_base(p256_fe *r, const p256_fe *a, const p256_fe *b)
{
	__asm__(
	    "movq 0(%[b]), %%rcx\n\t"
	    "movq 0(%[a]), %%rax\n\t"
	    "mulq %%rcx\n\t"
	    "movq %%rax, %%r8\n\t"
	    "movq %%rdx, %%r9\n\t"
	    "movq 8(%[a]), %%rax\n\t"
	    "mulq %%rcx\n\t"
	    "addq %%rax, %%r9\n\t"
	    "adcq $0, %%rdx\n\t"
	    "movq %%rdx, %%r10\n\t"
	    "movq 16(%[a]), %%rax\n\t"
	    "mulq %%rcx\n\t"
	    "addq %%rax, %%r10\n\t"
	    "adcq $0, %%rdx\n\t"
	    "movq %%rdx, %%r11\n\t"
	    "movq 24(%[a]), %%rax\n\t"
	    "mulq %%rcx\n\t"
	    "addq %%rax, %%r11\n\t"
	    "adcq $0, %%rdx\n\t"
	    "movq %%rdx, %%r12\n\t"
	    "xorl %%r13d, %%r13d\n\t"
	    "movq %[p3], %%rax\n\t"
	    "mulq %%r8\n\t"
	    "movq %%r8, %%rcx\n\t"
	    "shlq $32, %%rcx\n\t"
	    "movq %%r8, %%r14\n\t"
	    "shrq $32, %%r14\n\t"
	    "addq %%rcx, %%r9\n\t"
	    "adcq %%r14, %%r10\n\t"
	    "adcq %%rax, %%r11\n\t"
	    "adcq %%rdx, %%r12\n\t"
	    "adcq $0, %%r13\n\t"
	    "xorl %%r8d, %%r8d\n\t"
	    "movq 8(%[b]), %%rcx\n\t"
	    "movq 0(%[a]), %%rax\n\t"
	    "mulq %%rcx\n\t"
	    "addq %%rax, %%r9\n\t"
	    "adcq $0, %%rdx\n\t"
	    "movq %%rdx, %%r14\n\t"
	    "movq 8(%[a]), %%rax\n\t"
	    "mulq %%rcx\n\t"
	    "addq %%r14, %%r10\n\t"
	    "adcq $0, %%rdx\n\t"
	    "addq %%rax, %%r10\n\t"
	    "adcq $0, %%rdx\n\t"
	    "movq %%rdx, %%r14\n\t"
	    "movq 16(%[a]), %%rax\n\t"
	    "mulq %%rcx\n\t"
	    "addq %%r14, %%r11\n\t"
	    "adcq $0, %%rdx\n\t"
	    "addq %%rax, %%r11\n\t"
	    "adcq $0, %%rdx\n\t"
	    "movq %%rdx, %%r14\n\t"
	    "movq 24(%[a]), %%rax\n\t"
	    "mulq %%rcx\n\t"
	    "addq %%r14, %%r12\n\t"
	    "adcq $0, %%rdx\n\t"
	    "addq %%rax, %%r12\n\t"
	    "adcq $0, %%rdx\n\t"
	    "addq %%rdx, %%r13\n\t"
	    "adcq $0, %%r8\n\t"
	    "movq %[p3], %%rax\n\t"
	    "mulq %%r9\n\t"
	    "movq %%r9, %%rcx\n\t"
	    "shlq $32, %%rcx\n\t"
	    "movq %%r9, %%r14\n\t"
	    "shrq $32, %%r14\n\t"
	    "addq %%rcx, %%r10\n\t"
	    "adcq %%r14, %%r11\n\t"
	    "adcq %%rax, %%r12\n\t"
	    "adcq %%rdx, %%r13\n\t"
	    "adcq $0, %%r8\n\t"
	    "xorl %%r9d, %%r9d\n\t"
	    "movq 16(%[b]), %%rcx\n\t"
	    "movq 0(%[a]), %%rax\n\t"
	    "mulq %%rcx\n\t"
	    "addq %%rax, %%r10\n\t"
	    "adcq $0, %%rdx\n\t"
	    "movq %%rdx, %%r14\n\t"
	    "movq 8(%[a]), %%rax\n\t"
	    "mulq %%rcx\n\t"
	    "addq %%r14, %%r11\n\t"
	    "adcq $0, %%rdx\n\t"
	    "addq %%rax, %%r11\n\t"
	    "adcq $0, %%rdx\n\t"
	    "movq %%rdx, %%r14\n\t"
	    "movq 16(%[a]), %%rax\n\t"
	    "mulq %%rcx\n\t"
	    "addq %%r14, %%r12\n\t"
	    "adcq $0, %%rdx\n\t"
	    "addq %%rax, %%r12\n\t"
	    "adcq $0, %%rdx\n\t"
	    "movq %%rdx, %%r14\n\t"
	    "movq 24(%[a]), %%rax\n\t"
	    "mulq %%rcx\n\t"
	    "addq %%r14, %%r13\n\t"
	    "adcq $0, %%rdx\n\t"
	    "addq %%rax, %%r13\n\t"
	    "adcq $0, %%rdx\n\t"
	    "addq %%rdx, %%r8\n\t"
	    "adcq $0, %%r9\n\t"
	    "movq %[p3], %%rax\n\t"
	    "mulq %%r10\n\t"
	    "movq %%r10, %%rcx\n\t"
	    "shlq $32, %%rcx\n\t"
	    "movq %%r10, %%r14\n\t"
	    "shrq $32, %%r14\n\t"
	    "addq %%rcx, %%r11\n\t"
	    "adcq %%r14, %%r12\n\t"
	    "adcq %%rax, %%r13\n\t"
	    "adcq %%rdx, %%r8\n\t"
	    "adcq $0, %%r9\n\t"
	    "xorl %%r10d, %%r10d\n\t"
	    "movq 24(%[b]), %%rcx\n\t"
	    "movq 0(%[a]), %%rax\n\t"
	    "mulq %%rcx\n\t"
	    "addq %%rax, %%r11\n\t"
	    "adcq $0, %%rdx\n\t"
	    "movq %%rdx, %%r14\n\t"
	    "movq 8(%[a]), %%rax\n\t"
	    "mulq %%rcx\n\t"
	    "addq %%r14, %%r12\n\t"
	    "adcq $0, %%rdx\n\t"
	    "addq %%rax, %%r12\n\t"
	    "adcq $0, %%rdx\n\t"
	    "movq %%rdx, %%r14\n\t"
	    "movq 16(%[a]), %%rax\n\t"
	    "mulq %%rcx\n\t"
	    "addq %%r14, %%r13\n\t"
	    "adcq $0, %%rdx\n\t"
	    "addq %%rax, %%r13\n\t"
	    "adcq $0, %%rdx\n\t"
	    "movq %%rdx, %%r14\n\t"
	    "movq 24(%[a]), %%rax\n\t"
	    "mulq %%rcx\n\t"
	    "addq %%r14, %%r8\n\t"
	    "adcq $0, %%rdx\n\t"
	    "addq %%rax, %%r8\n\t"
	    "adcq $0, %%rdx\n\t"
	    "addq %%rdx, %%r9\n\t"
	    "adcq $0, %%r10\n\t"
	    "movq %[p3], %%rax\n\t"
	    "mulq %%r11\n\t"
	    "movq %%r11, %%rcx\n\t"
	    "shlq $32, %%rcx\n\t"
	    "movq %%r11, %%r14\n\t"
	    "shrq $32, %%r14\n\t"
	    "addq %%rcx, %%r12\n\t"
	    "adcq %%r14, %%r13\n\t"
	    "adcq %%rax, %%r8\n\t"
	    "adcq %%rdx, %%r9\n\t"
	    "adcq $0, %%r10\n\t"
	    FE_MUL_TAIL);
}

/* The same product with BMI2 and ADX (MULX leaves the flags alone, ADCX
 * and ADOX carry in CF and OF: the low and high halves of a row's four
 * products go into the accumulator in two interleaved carry chains,
 * three instructions per product instead of seven). Each row's sum fits
 * in five limbs (accumulator < 2p·(1 + 2^−64), a < p, b_i < 2^64, their
 * sum < 2^320), so neither chain carries out of the row's top limb and
 * one ADCX of zero closes both. The reduction steps are fe_mul_base's.
 * Only run where the CPU has both (p256_fe_adx, set at load). */
FE_INLINE void
fe_mul_adx(p256_fe *r, const p256_fe *a, const p256_fe *b)
{
	__asm__(
	    "movq 0(%[b]), %%rdx\n\t"
	    "xorl %%r13d, %%r13d\n\t"
	    "mulxq 0(%[a]), %%r8, %%r9\n\t"
	    "mulxq 8(%[a]), %%rax, %%r10\n\t"
	    "adcxq %%rax, %%r9\n\t"
	    "mulxq 16(%[a]), %%rax, %%r11\n\t"
	    "adcxq %%rax, %%r10\n\t"
	    "mulxq 24(%[a]), %%rax, %%r12\n\t"
	    "adcxq %%rax, %%r11\n\t"
	    "adcxq %%r13, %%r12\n\t"
	    "movq %%r8, %%rdx\n\t"
	    "mulxq %[p3], %%rax, %%rcx\n\t"
	    "movq %%r8, %%r14\n\t"
	    "shlq $32, %%r14\n\t"
	    "shrq $32, %%r8\n\t"
	    "addq %%r14, %%r9\n\t"
	    "adcq %%r8, %%r10\n\t"
	    "adcq %%rax, %%r11\n\t"
	    "adcq %%rcx, %%r12\n\t"
	    "adcq $0, %%r13\n\t"
	    "movq 8(%[b]), %%rdx\n\t"
	    "xorl %%r8d, %%r8d\n\t"
	    "mulxq 0(%[a]), %%rax, %%rcx\n\t"
	    "adcxq %%rax, %%r9\n\t"
	    "adoxq %%rcx, %%r10\n\t"
	    "mulxq 8(%[a]), %%rax, %%rcx\n\t"
	    "adcxq %%rax, %%r10\n\t"
	    "adoxq %%rcx, %%r11\n\t"
	    "mulxq 16(%[a]), %%rax, %%rcx\n\t"
	    "adcxq %%rax, %%r11\n\t"
	    "adoxq %%rcx, %%r12\n\t"
	    "mulxq 24(%[a]), %%rax, %%rcx\n\t"
	    "adcxq %%rax, %%r12\n\t"
	    "adoxq %%rcx, %%r13\n\t"
	    "adcxq %%r8, %%r13\n\t"
	    "movq %%r9, %%rdx\n\t"
	    "mulxq %[p3], %%rax, %%rcx\n\t"
	    "movq %%r9, %%r14\n\t"
	    "shlq $32, %%r14\n\t"
	    "shrq $32, %%r9\n\t"
	    "addq %%r14, %%r10\n\t"
	    "adcq %%r9, %%r11\n\t"
	    "adcq %%rax, %%r12\n\t"
	    "adcq %%rcx, %%r13\n\t"
	    "adcq $0, %%r8\n\t"
	    "movq 16(%[b]), %%rdx\n\t"
	    "xorl %%r9d, %%r9d\n\t"
	    "mulxq 0(%[a]), %%rax, %%rcx\n\t"
	    "adcxq %%rax, %%r10\n\t"
	    "adoxq %%rcx, %%r11\n\t"
	    "mulxq 8(%[a]), %%rax, %%rcx\n\t"
	    "adcxq %%rax, %%r11\n\t"
	    "adoxq %%rcx, %%r12\n\t"
	    "mulxq 16(%[a]), %%rax, %%rcx\n\t"
	    "adcxq %%rax, %%r12\n\t"
	    "adoxq %%rcx, %%r13\n\t"
	    "mulxq 24(%[a]), %%rax, %%rcx\n\t"
	    "adcxq %%rax, %%r13\n\t"
	    "adoxq %%rcx, %%r8\n\t"
	    "adcxq %%r9, %%r8\n\t"
	    "movq %%r10, %%rdx\n\t"
	    "mulxq %[p3], %%rax, %%rcx\n\t"
	    "movq %%r10, %%r14\n\t"
	    "shlq $32, %%r14\n\t"
	    "shrq $32, %%r10\n\t"
	    "addq %%r14, %%r11\n\t"
	    "adcq %%r10, %%r12\n\t"
	    "adcq %%rax, %%r13\n\t"
	    "adcq %%rcx, %%r8\n\t"
	    "adcq $0, %%r9\n\t"
	    "movq 24(%[b]), %%rdx\n\t"
	    "xorl %%r10d, %%r10d\n\t"
	    "mulxq 0(%[a]), %%rax, %%rcx\n\t"
	    "adcxq %%rax, %%r11\n\t"
	    "adoxq %%rcx, %%r12\n\t"
	    "mulxq 8(%[a]), %%rax, %%rcx\n\t"
	    "adcxq %%rax, %%r12\n\t"
	    "adoxq %%rcx, %%r13\n\t"
	    "mulxq 16(%[a]), %%rax, %%rcx\n\t"
	    "adcxq %%rax, %%r13\n\t"
	    "adoxq %%rcx, %%r8\n\t"
	    "mulxq 24(%[a]), %%rax, %%rcx\n\t"
	    "adcxq %%rax, %%r8\n\t"
	    "adoxq %%rcx, %%r9\n\t"
	    "adcxq %%r10, %%r9\n\t"
	    "movq %%r11, %%rdx\n\t"
	    "mulxq %[p3], %%rax, %%rcx\n\t"
	    "movq %%r11, %%r14\n\t"
	    "shlq $32, %%r14\n\t"
	    "shrq $32, %%r11\n\t"
	    "addq %%r14, %%r12\n\t"
	    "adcq %%r11, %%r13\n\t"
	    "adcq %%rax, %%r8\n\t"
	    "adcq %%rcx, %%r9\n\t"
	    "adcq $0, %%r10\n\t"
	    FE_MUL_TAIL);
}

/* 1 when this CPU has BMI2 and ADX (p256_field.c, once at load; tests may
 * switch it off to run the baseline on the same machine). */
extern int p256_fe_adx;

FE_INLINE void
fe_mul(p256_fe *r, const p256_fe *a, const p256_fe *b)
{
	if (p256_fe_adx)
		fe_mul_adx(r, a, b);
	else
		fe_mul_base(r, a, b);
}
#else
#define fe_mul fe_mul_c
#endif

/* a²: the six cross products once, doubled, plus the four squares
 * (10 multiplications instead of 16), then the same reduction. */
FE_INLINE void
fe_sqr_c(p256_fe *r, const p256_fe *a)
{
	const uint64_t *v = a->v;
	u128 p01 = (u128)v[0] * v[1], p02 = (u128)v[0] * v[2];
	u128 p03 = (u128)v[0] * v[3], p12 = (u128)v[1] * v[2];
	u128 p13 = (u128)v[1] * v[3], p23 = (u128)v[2] * v[3];
	uint64_t t[8], hc = 0, x;
	unsigned char c = 0;

	/* row 0: a0·(a1, a2, a3) at t1..t4 */
	t[1] = (uint64_t)p01;
	c = fe_adc(c, (uint64_t)(p01 >> 64), (uint64_t)p02, &t[2]);
	c = fe_adc(c, (uint64_t)(p02 >> 64), (uint64_t)p03, &t[3]);
	t[4] = (uint64_t)(p03 >> 64) + c;
	/* row 1: a1·(a2, a3) at t3..t5 */
	c = 0;
	c = fe_adc(c, (uint64_t)(p12 >> 64), (uint64_t)p13, &x);
	t[5] = (uint64_t)(p13 >> 64) + c;
	c = 0;
	c = fe_adc(c, t[3], (uint64_t)p12, &t[3]);
	c = fe_adc(c, t[4], x, &t[4]);
	t[5] += c;
	/* row 2: a2·a3 at t5..t6 */
	c = 0;
	c = fe_adc(c, t[5], (uint64_t)p23, &t[5]);
	t[6] = (uint64_t)(p23 >> 64) + c;
	/* double */
	t[7] = t[6] >> 63;
	t[6] = t[6] << 1 | t[5] >> 63;
	t[5] = t[5] << 1 | t[4] >> 63;
	t[4] = t[4] << 1 | t[3] >> 63;
	t[3] = t[3] << 1 | t[2] >> 63;
	t[2] = t[2] << 1 | t[1] >> 63;
	t[1] <<= 1;
	/* the squares on the diagonal */
	{
		u128 s0 = (u128)v[0] * v[0], s1 = (u128)v[1] * v[1];
		u128 s2 = (u128)v[2] * v[2], s3 = (u128)v[3] * v[3];
		c = 0;
		t[0] = (uint64_t)s0;
		c = fe_adc(c, t[1], (uint64_t)(s0 >> 64), &t[1]);
		c = fe_adc(c, t[2], (uint64_t)s1, &t[2]);
		c = fe_adc(c, t[3], (uint64_t)(s1 >> 64), &t[3]);
		c = fe_adc(c, t[4], (uint64_t)s2, &t[4]);
		c = fe_adc(c, t[5], (uint64_t)(s2 >> 64), &t[5]);
		c = fe_adc(c, t[6], (uint64_t)s3, &t[6]);
		c = fe_adc(c, t[7], (uint64_t)(s3 >> 64), &t[7]);
	}
	REDC_ALL();
}

#if defined(__x86_64__) && !defined(P256_PORTABLE)
/* a² in assembly: the six cross products, doubled, plus the four squares
 * (10 multiplications), in r8–r15; then the four reduction steps on the
 * low half alone (each m·p as in fe_mul, the low limbs rotating), whose
 * quotient is added to the high half, and one conditional subtraction.
 * The value stays below 2p (a² < p², so (a² + M·p)/2^256 < 2p). */
FE_INLINE void
fe_sqr_base(p256_fe *r, const p256_fe *a)
{
	__asm__(
	    "movq 0(%[a]), %%rcx\n\t"
	    "movq 8(%[a]), %%rax\n\t"
	    "mulq %%rcx\n\t"
	    "movq %%rax, %%r9\n\t"
	    "movq %%rdx, %%r10\n\t"
	    "movq 16(%[a]), %%rax\n\t"
	    "mulq %%rcx\n\t"
	    "addq %%rax, %%r10\n\t"
	    "adcq $0, %%rdx\n\t"
	    "movq %%rdx, %%r11\n\t"
	    "movq 24(%[a]), %%rax\n\t"
	    "mulq %%rcx\n\t"
	    "addq %%rax, %%r11\n\t"
	    "adcq $0, %%rdx\n\t"
	    "movq %%rdx, %%r12\n\t"
	    "movq 8(%[a]), %%rcx\n\t"
	    "movq 16(%[a]), %%rax\n\t"
	    "mulq %%rcx\n\t"
	    "addq %%rax, %%r11\n\t"
	    "adcq $0, %%rdx\n\t"
	    "movq %%rdx, %%rbx\n\t"
	    "movq 24(%[a]), %%rax\n\t"
	    "mulq %%rcx\n\t"
	    "addq %%rbx, %%r12\n\t"
	    "adcq $0, %%rdx\n\t"
	    "addq %%rax, %%r12\n\t"
	    "adcq $0, %%rdx\n\t"
	    "movq %%rdx, %%r13\n\t"
	    "movq 16(%[a]), %%rcx\n\t"
	    "movq 24(%[a]), %%rax\n\t"
	    "mulq %%rcx\n\t"
	    "addq %%rax, %%r13\n\t"
	    "adcq $0, %%rdx\n\t"
	    "movq %%rdx, %%r14\n\t"
	    "xorl %%r15d, %%r15d\n\t"
	    "addq %%r9, %%r9\n\t"
	    "adcq %%r10, %%r10\n\t"
	    "adcq %%r11, %%r11\n\t"
	    "adcq %%r12, %%r12\n\t"
	    "adcq %%r13, %%r13\n\t"
	    "adcq %%r14, %%r14\n\t"
	    "adcq $0, %%r15\n\t"
	    "movq 0(%[a]), %%rax\n\t"
	    "mulq %%rax\n\t"
	    "movq %%rax, %%r8\n\t"
	    "movq %%rdx, %%rbx\n\t"
	    "movq 8(%[a]), %%rax\n\t"
	    "mulq %%rax\n\t"
	    "addq %%rbx, %%r9\n\t"
	    "adcq %%rax, %%r10\n\t"
	    "adcq %%rdx, %%r11\n\t"
	    "adcq $0, %%r12\n\t"
	    "adcq $0, %%r13\n\t"
	    "adcq $0, %%r14\n\t"
	    "adcq $0, %%r15\n\t"
	    "movq 16(%[a]), %%rax\n\t"
	    "mulq %%rax\n\t"
	    "addq %%rax, %%r12\n\t"
	    "adcq %%rdx, %%r13\n\t"
	    "adcq $0, %%r14\n\t"
	    "adcq $0, %%r15\n\t"
	    "movq 24(%[a]), %%rax\n\t"
	    "mulq %%rax\n\t"
	    "addq %%rax, %%r14\n\t"
	    "adcq %%rdx, %%r15\n\t"
	    "movq %[p3], %%rax\n\t"
	    "mulq %%r8\n\t"
	    "movq %%r8, %%rcx\n\t"
	    "shlq $32, %%rcx\n\t"
	    "movq %%r8, %%rbx\n\t"
	    "shrq $32, %%rbx\n\t"
	    "addq %%rcx, %%r9\n\t"
	    "adcq %%rbx, %%r10\n\t"
	    "adcq %%rax, %%r11\n\t"
	    "adcq $0, %%rdx\n\t"
	    "movq %%rdx, %%r8\n\t"
	    "movq %[p3], %%rax\n\t"
	    "mulq %%r9\n\t"
	    "movq %%r9, %%rcx\n\t"
	    "shlq $32, %%rcx\n\t"
	    "movq %%r9, %%rbx\n\t"
	    "shrq $32, %%rbx\n\t"
	    "addq %%rcx, %%r10\n\t"
	    "adcq %%rbx, %%r11\n\t"
	    "adcq %%rax, %%r8\n\t"
	    "adcq $0, %%rdx\n\t"
	    "movq %%rdx, %%r9\n\t"
	    "movq %[p3], %%rax\n\t"
	    "mulq %%r10\n\t"
	    "movq %%r10, %%rcx\n\t"
	    "shlq $32, %%rcx\n\t"
	    "movq %%r10, %%rbx\n\t"
	    "shrq $32, %%rbx\n\t"
	    "addq %%rcx, %%r11\n\t"
	    "adcq %%rbx, %%r8\n\t"
	    "adcq %%rax, %%r9\n\t"
	    "adcq $0, %%rdx\n\t"
	    "movq %%rdx, %%r10\n\t"
	    "movq %[p3], %%rax\n\t"
	    "mulq %%r11\n\t"
	    "movq %%r11, %%rcx\n\t"
	    "shlq $32, %%rcx\n\t"
	    "movq %%r11, %%rbx\n\t"
	    "shrq $32, %%rbx\n\t"
	    "addq %%rcx, %%r8\n\t"
	    "adcq %%rbx, %%r9\n\t"
	    "adcq %%rax, %%r10\n\t"
	    "adcq $0, %%rdx\n\t"
	    "movq %%rdx, %%r11\n\t"
	    "xorl %%eax, %%eax\n\t"
	    "addq %%r8, %%r12\n\t"
	    "adcq %%r9, %%r13\n\t"
	    "adcq %%r10, %%r14\n\t"
	    "adcq %%r11, %%r15\n\t"
	    "adcq $0, %%rax\n\t"
	    "movq %%r12, %%rcx\n\t"
	    "movq %%r13, %%rbx\n\t"
	    "movq %%r14, %%rdx\n\t"
	    "movq %%r15, %%r8\n\t"
	    "subq $-1, %%r12\n\t"
	    "sbbq %[p1], %%r13\n\t"
	    "sbbq $0, %%r14\n\t"
	    "sbbq %[p3], %%r15\n\t"
	    "sbbq $0, %%rax\n\t"
	    "cmovcq %%rcx, %%r12\n\t"
	    "cmovcq %%rbx, %%r13\n\t"
	    "cmovcq %%rdx, %%r14\n\t"
	    "cmovcq %%r8, %%r15\n\t"
	    "movq %%r12, 0(%[r])\n\t"
	    "movq %%r13, 8(%[r])\n\t"
	    "movq %%r14, 16(%[r])\n\t"
	    "movq %%r15, 24(%[r])\n\t"
	    :
	    : [r] "r"(r->v), [a] "r"(a->v), [p1] "m"(P[1]), [p3] "m"(P[3])
	    : "rax", "rbx", "rcx", "rdx", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15",
	      "cc", "memory");
}

/* a² with BMI2 and ADX: fe_sqr_base's steps, the cross products' rows in
 * two carry chains (as fe_mul_adx), the squares' MULX between the ADCs of
 * one chain (MULX and MOV leave the flags alone), each reduction step's
 * m·p3 by MULX. No carry leaves a row: the cross products of rows 0 and
 * 1 are below 2^384. */
FE_INLINE void
fe_sqr_adx(p256_fe *r, const p256_fe *a)
{
	__asm__(
	    "movq 0(%[a]), %%rdx\n\t"
	    "mulxq 8(%[a]), %%r9, %%r10\n\t"
	    "mulxq 16(%[a]), %%rcx, %%r11\n\t"
	    "mulxq 24(%[a]), %%rax, %%r12\n\t"
	    "xorl %%r13d, %%r13d\n\t"
	    "adcxq %%rcx, %%r10\n\t"
	    "adcxq %%rax, %%r11\n\t"
	    "adcxq %%r13, %%r12\n\t"
	    "movq 8(%[a]), %%rdx\n\t"
	    "xorl %%r14d, %%r14d\n\t"
	    "mulxq 16(%[a]), %%rax, %%rcx\n\t"
	    "adcxq %%rax, %%r11\n\t"
	    "adoxq %%rcx, %%r12\n\t"
	    "mulxq 24(%[a]), %%rax, %%r13\n\t"
	    "adcxq %%rax, %%r12\n\t"
	    "adoxq %%r14, %%r13\n\t"
	    "adcxq %%r14, %%r13\n\t"
	    "movq 16(%[a]), %%rdx\n\t"
	    "mulxq 24(%[a]), %%rax, %%r14\n\t"
	    "addq %%rax, %%r13\n\t"
	    "adcq $0, %%r14\n\t"
	    "xorl %%r15d, %%r15d\n\t"
	    "addq %%r9, %%r9\n\t"
	    "adcq %%r10, %%r10\n\t"
	    "adcq %%r11, %%r11\n\t"
	    "adcq %%r12, %%r12\n\t"
	    "adcq %%r13, %%r13\n\t"
	    "adcq %%r14, %%r14\n\t"
	    "adcq %%r15, %%r15\n\t"
	    "movq 0(%[a]), %%rdx\n\t"
	    "mulxq %%rdx, %%r8, %%rax\n\t"
	    "addq %%rax, %%r9\n\t"
	    "movq 8(%[a]), %%rdx\n\t"
	    "mulxq %%rdx, %%rax, %%rcx\n\t"
	    "adcq %%rax, %%r10\n\t"
	    "adcq %%rcx, %%r11\n\t"
	    "movq 16(%[a]), %%rdx\n\t"
	    "mulxq %%rdx, %%rax, %%rcx\n\t"
	    "adcq %%rax, %%r12\n\t"
	    "adcq %%rcx, %%r13\n\t"
	    "movq 24(%[a]), %%rdx\n\t"
	    "mulxq %%rdx, %%rax, %%rcx\n\t"
	    "adcq %%rax, %%r14\n\t"
	    "adcq %%rcx, %%r15\n\t"
	    "movq %%r8, %%rdx\n\t"
	    "mulxq %[p3], %%rax, %%rcx\n\t"
	    "shlq $32, %%rdx\n\t"
	    "shrq $32, %%r8\n\t"
	    "addq %%rdx, %%r9\n\t"
	    "adcq %%r8, %%r10\n\t"
	    "adcq %%rax, %%r11\n\t"
	    "adcq $0, %%rcx\n\t"
	    "movq %%rcx, %%r8\n\t"
	    "movq %%r9, %%rdx\n\t"
	    "mulxq %[p3], %%rax, %%rcx\n\t"
	    "shlq $32, %%rdx\n\t"
	    "shrq $32, %%r9\n\t"
	    "addq %%rdx, %%r10\n\t"
	    "adcq %%r9, %%r11\n\t"
	    "adcq %%rax, %%r8\n\t"
	    "adcq $0, %%rcx\n\t"
	    "movq %%rcx, %%r9\n\t"
	    "movq %%r10, %%rdx\n\t"
	    "mulxq %[p3], %%rax, %%rcx\n\t"
	    "shlq $32, %%rdx\n\t"
	    "shrq $32, %%r10\n\t"
	    "addq %%rdx, %%r11\n\t"
	    "adcq %%r10, %%r8\n\t"
	    "adcq %%rax, %%r9\n\t"
	    "adcq $0, %%rcx\n\t"
	    "movq %%rcx, %%r10\n\t"
	    "movq %%r11, %%rdx\n\t"
	    "mulxq %[p3], %%rax, %%rcx\n\t"
	    "shlq $32, %%rdx\n\t"
	    "shrq $32, %%r11\n\t"
	    "addq %%rdx, %%r8\n\t"
	    "adcq %%r11, %%r9\n\t"
	    "adcq %%rax, %%r10\n\t"
	    "adcq $0, %%rcx\n\t"
	    "movq %%rcx, %%r11\n\t"
	    "xorl %%eax, %%eax\n\t"
	    "addq %%r8, %%r12\n\t"
	    "adcq %%r9, %%r13\n\t"
	    "adcq %%r10, %%r14\n\t"
	    "adcq %%r11, %%r15\n\t"
	    "adcq $0, %%rax\n\t"
	    "movq %%r12, %%r8\n\t"
	    "movq %%r13, %%r9\n\t"
	    "movq %%r14, %%r10\n\t"
	    "movq %%r15, %%r11\n\t"
	    "subq $-1, %%r12\n\t"
	    "sbbq %[p1], %%r13\n\t"
	    "sbbq $0, %%r14\n\t"
	    "sbbq %[p3], %%r15\n\t"
	    "sbbq $0, %%rax\n\t"
	    "cmovcq %%r8, %%r12\n\t"
	    "cmovcq %%r9, %%r13\n\t"
	    "cmovcq %%r10, %%r14\n\t"
	    "cmovcq %%r11, %%r15\n\t"
	    "movq %%r12, 0(%[r])\n\t"
	    "movq %%r13, 8(%[r])\n\t"
	    "movq %%r14, 16(%[r])\n\t"
	    "movq %%r15, 24(%[r])\n\t"
	    :
	    : [r] "r"(r->v), [a] "r"(a->v), [p1] "m"(P[1]), [p3] "m"(P[3])
	    : "rax", "rcx", "rdx", "r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15", "cc",
	    "memory");
}

FE_INLINE void
fe_sqr(p256_fe *r, const p256_fe *a)
{
	if (p256_fe_adx)
		fe_sqr_adx(r, a);
	else
		fe_sqr_base(r, a);
}
#else
#define fe_sqr fe_sqr_c
#endif

FE_INLINE void
fe_add(p256_fe *r, const p256_fe *a, const p256_fe *b)
{
	uint64_t t[5];
	unsigned char c = 0;

	c = fe_adc(c, a->v[0], b->v[0], &t[0]);
	c = fe_adc(c, a->v[1], b->v[1], &t[1]);
	c = fe_adc(c, a->v[2], b->v[2], &t[2]);
	c = fe_adc(c, a->v[3], b->v[3], &t[3]);
	t[4] = c;
	fe_reduce_once(r->v, t);
}

FE_INLINE void
fe_sub(p256_fe *r, const p256_fe *a, const p256_fe *b)
{
	uint64_t t[4];
	unsigned char c = 0;

	c = fe_sbb(c, a->v[0], b->v[0], &t[0]);
	c = fe_sbb(c, a->v[1], b->v[1], &t[1]);
	c = fe_sbb(c, a->v[2], b->v[2], &t[2]);
	c = fe_sbb(c, a->v[3], b->v[3], &t[3]);
	if (c) { /* went below zero: add p back (the carry out cancels) */
		c = 0;
		c = fe_adc(c, t[0], P[0], &t[0]);
		c = fe_adc(c, t[1], P[1], &t[1]);
		c = fe_adc(c, t[2], P[2], &t[2]);
		(void)fe_adc(c, t[3], P[3], &t[3]);
	}
	memcpy(r->v, t, sizeof(t));
}

#endif
