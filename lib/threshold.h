/* threshold.h: dealer-free k-of-n keys and threshold decryption
 * (docs/protocol.md §8–9). Each key holder x (1..n) deals a random
 * polynomial f_x of degree k−1: publishes C_x,l = a_x,l·G with a proof of
 * knowledge of a_x,0, and gives f_x(y) to holder y. Holder y checks each
 * share against the commitments; its secret share is s_y = Σ_x f_x(y); the
 * election key is Y = Σ_x C_x,0. Nobody ever holds s = Σ_x a_x,0.
 * Decryption of a total (A, B): k holders publish d_y = s_y·A with a
 * Chaum–Pedersen proof; s·A = Σ λ_y d_y (Lagrange at 0); m·G = B − s·A. */
#ifndef ISOLOIR_THRESHOLD_H
#define ISOLOIR_THRESHOLD_H

#include <stddef.h>

#include <openssl/bn.h>
#include <openssl/ec.h>

#include "err.h"

#define THR_MAX 16

struct thr_poly {
	size_t k;
	BIGNUM *a[THR_MAX];
};

/* Random polynomial of degree k−1 (1 <= k <= THR_MAX). */
int thr_poly_new(struct thr_poly *p, size_t k, struct err *e);
void thr_poly_free(struct thr_poly *p);
/* C[l] = a_l·G for l < k (C[] allocated by the caller). */
int thr_commit(const struct thr_poly *p, EC_POINT **c);
/* out = f(x). */
int thr_eval(const struct thr_poly *p, unsigned x, BIGNUM *out);
/* Σ_l x^l·C[l]: what f(x)·G must equal. */
int thr_expected(EC_POINT *const *c, size_t k, unsigned x, EC_POINT *out);
/* 1 when share·G = Σ_l x^l·C[l]. */
int thr_share_ok(EC_POINT *const *c, size_t k, unsigned x, const BIGNUM *share);

/* Proof of knowledge of a_0 behind C[0], bound to the election and dealer. */
int thr_pok_prove(const unsigned char election[32], unsigned dealer, const BIGNUM *a0,
    const EC_POINT *c0, BIGNUM *c, BIGNUM *z);
int thr_pok_verify(const unsigned char election[32], unsigned dealer, const EC_POINT *c0,
    const BIGNUM *c, const BIGNUM *z);

/* Partial decryption d = s·A with its proof (c, r); yx = s·G. */
int thr_partial(const unsigned char election[32], const char *context, const BIGNUM *s,
    const EC_POINT *yx, const EC_POINT *a, EC_POINT *d, BIGNUM *c, BIGNUM *r);
int thr_partial_verify(const unsigned char election[32], const char *context,
    const EC_POINT *yx, const EC_POINT *a, const EC_POINT *d, const BIGNUM *c,
    const BIGNUM *r);
/* "President required" (R-BUR-1, docs/protocol.md §8.1): the secret is
 * s = s_P + s_O, each part dealt by its own group of holders as if for an
 * election of its own, whose fingerprint F_g = SHA-256("isoloir-v1-group"
 * ‖ 0x00 ‖ F ‖ g) binds every proof of the group to the election F and to
 * the group's name g ("president", "autres"). */
#define THR_GROUP_PRESIDENT "president"
#define THR_GROUP_OTHERS "autres"
void thr_group_fingerprint(const unsigned char election[32], const char *group,
    unsigned char out[32]);

/* λ_i for the holders xs[0..m−1] (distinct, non-zero), at 0. */
int thr_lagrange(const unsigned *xs, size_t m, size_t i, BIGNUM *out);
/* m·G = B − Σ_i λ_i d_i for the holders xs. */
int thr_combine(const unsigned *xs, EC_POINT *const *d, size_t m, const EC_POINT *b,
    EC_POINT *out);

#endif
