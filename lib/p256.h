/* p256.h: own NIST P-256 arithmetic for VERIFICATION ONLY.
 *
 * Everything here is variable-time (branches and table indices depend on
 * the data): it must only ever see public values — ballots, proofs,
 * public keys, verifier weights. Secret scalars (ballot randomness, key
 * shares) stay on OpenSSL's constant-time paths (group.c). Why our own:
 * OpenSSL's only fast P-256 code is its single-point multiplication;
 * verification needs many-point sums (multi-scalar multiplication) and
 * fixed-base tables, which its generic EC_POINTs_mul does slowly
 * (docs/performance.md).
 *
 * Field elements: 4 × 64-bit limbs, little-endian, Montgomery form
 * (R = 2^256), always fully reduced (< p), so equality is limb equality.
 * Points: affine (x, y, inf) or Jacobian (X, Y, Z), Z = 0 is infinity. */
#ifndef ISOLOIR_P256_H
#define ISOLOIR_P256_H

#include <stddef.h>
#include <stdint.h>

#include <openssl/bn.h>
#include <openssl/ec.h>

typedef struct {
	uint64_t v[4];
} p256_fe;

struct p256_aff {
	p256_fe x, y;
	int inf;
};

struct p256_jac {
	p256_fe x, y, z;
};

/* A scalar as 4 little-endian 64-bit limbs (plain, not Montgomery). */
typedef struct {
	uint64_t v[4];
} p256_sc;

/* Field (p256_field.c). */
void p256_fe_mul(p256_fe *r, const p256_fe *a, const p256_fe *b);
void p256_fe_sqr(p256_fe *r, const p256_fe *a);
/* The field product uses MULX/ADCX/ADOX where the CPU has them (found at
 * load). on = 0 forces the baseline code, on = 1 restores the CPU's
 * choice; returns the previous setting. For tests and benchmarks, before
 * any thread starts. */
int p256_fe_use_adx(int on);
void p256_fe_add(p256_fe *r, const p256_fe *a, const p256_fe *b);
void p256_fe_sub(p256_fe *r, const p256_fe *a, const p256_fe *b);
void p256_fe_neg(p256_fe *r, const p256_fe *a);
void p256_fe_inv(p256_fe *r, const p256_fe *a); /* 0 maps to 0 */
/* r = √a when a is a square (0), else -1. */
int p256_fe_sqrt(p256_fe *r, const p256_fe *a);
int p256_fe_is_zero(const p256_fe *a);
int p256_fe_eq(const p256_fe *a, const p256_fe *b);
/* 32 big-endian bytes <-> Montgomery form; -1 when the value is ≥ p. */
int p256_fe_from_bytes(p256_fe *r, const unsigned char b[32]);
void p256_fe_to_bytes(unsigned char b[32], const p256_fe *a);
void p256_fe_one(p256_fe *r);

/* Points (p256_point.c). */
void p256_jac_infinity(struct p256_jac *r);
int p256_jac_is_infinity(const struct p256_jac *p);
void p256_jac_from_aff(struct p256_jac *r, const struct p256_aff *a);
void p256_jac_dbl(struct p256_jac *r, const struct p256_jac *p);
void p256_jac_add(
    struct p256_jac *r, const struct p256_jac *p, const struct p256_jac *q);
void p256_jac_add_aff(
    struct p256_jac *r, const struct p256_jac *p, const struct p256_aff *q);
void p256_jac_neg(struct p256_jac *r, const struct p256_jac *p);
void p256_aff_neg(struct p256_aff *r, const struct p256_aff *p);
int p256_jac_eq(const struct p256_jac *p, const struct p256_jac *q);
void p256_jac_to_aff(struct p256_aff *r, const struct p256_jac *p);
/* n points to affine with one inversion (Montgomery's trick). */
int p256_batch_to_aff(struct p256_aff *r, const struct p256_jac *p, size_t n);
int p256_aff_on_curve(const struct p256_aff *p);
/* SEC1 compressed (33 bytes): decode checks x < p and the curve equation;
 * infinity is refused both ways (docs/protocol.md §2). */
int p256_aff_decode(struct p256_aff *r, const unsigned char b[33]);
int p256_aff_encode(unsigned char b[33], const struct p256_aff *p);
/* SEC1 uncompressed (65 bytes, 04 ‖ x ‖ y): decode checks the prefix,
 * x < p, y < p and the curve equation (no square root); the point at
 * infinity has no such encoding. */
int p256_aff_decode_full(struct p256_aff *r, const unsigned char b[65]);
int p256_aff_encode_full(unsigned char b[65], const struct p256_aff *p);
const struct p256_aff *p256_generator(void);

/* Bridges to the OpenSSL representation used by the rest of lib/. */
int p256_aff_from_ec(struct p256_aff *r, const EC_POINT *p, BN_CTX *ctx);
int p256_aff_to_ec(EC_POINT *r, const struct p256_aff *p, BN_CTX *ctx);
int p256_jac_to_ec(EC_POINT *r, const struct p256_jac *p, BN_CTX *ctx);
/* Scalars: a BIGNUM in [0, 2^256) to limbs; -1 if larger or negative. */
int p256_sc_from_bn(p256_sc *r, const BIGNUM *b);

/* Scalars mod n (p256_scalar.c), public values only (variable time).
 * 32 big-endian bytes to limbs; -1 when the value is ≥ n. */
int p256_sc_from_bytes(p256_sc *r, const unsigned char b[32]);
void p256_sc_to_bytes(unsigned char b[32], const p256_sc *a);
/* a, b < n; r may alias either. */
void p256_sc_add(p256_sc *r, const p256_sc *a, const p256_sc *b);
void p256_sc_sub(p256_sc *r, const p256_sc *a, const p256_sc *b);
int p256_sc_eq(const p256_sc *a, const p256_sc *b);
/* r = x mod n, x on 8 little-endian limbs (any 512-bit value). */
void p256_sc_reduce(p256_sc *r, const uint64_t x[8]);
/* r = OS2IP(b) mod n, len ≤ 64 big-endian bytes; -1 if longer. */
int p256_sc_from_wide_bytes(p256_sc *r, const unsigned char *b, size_t len);

/* Multiplications (p256_msm.c). */
/* r = k·P, variable base (window NAF). 0 or -1 (out of memory). */
int p256_mul(struct p256_jac *r, const struct p256_aff *p, const p256_sc *k);
/* r = Σ k_i·P_i: Straus (interleaved window NAF) for small n, Pippenger
 * (signed buckets, batch-affine additions) for large n. 0 or -1 (out of
 * memory). */
int p256_msm(
    struct p256_jac *r, const struct p256_aff *p, const p256_sc *k, size_t n);

/* Fixed-base tables: k·B with no doubling at all (signed 7-bit windows,
 * 37 × 64 affine multiples, ~150 KB). Immutable once built, so shared
 * between threads freely. */
struct p256_table;
struct p256_table *p256_table_new(const struct p256_aff *base);
void p256_table_free(struct p256_table *t);
void p256_table_mul(
    struct p256_jac *r, const struct p256_table *t, const p256_sc *k);
/* The generator's table, built once (thread-safe). */
const struct p256_table *p256_generator_table(void);

#endif
