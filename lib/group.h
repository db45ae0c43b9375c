/* group.h: the group of the election cryptography, NIST P-256 on OpenSSL 3:
 * scalars modulo the order n, points, and their strict encodings
 * (docs/protocol.md §2): scalar = 64 lowercase hex digits, < n; point =
 * SEC1 compressed, 66 lowercase hex digits, never the point at infinity. */
#ifndef ISOLOIR_GROUP_H
#define ISOLOIR_GROUP_H

#include <stddef.h>

#include <openssl/bn.h>
#include <openssl/ec.h>

#include "err.h"
#include "p256.h"

#define GROUP_SCALAR_HEX 64
#define GROUP_POINT_LEN 33
#define GROUP_POINT_HEX 66
/* SEC1 uncompressed, 04 ‖ x ‖ y: the proofs' commitments since ballot
 * version 3 (docs/protocol.md §5) and the ciphertexts since version 5
 * (§6), hashed in their compressed form. */
#define GROUP_POINT_FULL_LEN 65
#define GROUP_POINT_FULL_HEX 130

/* The curve, its order and generator; initialised once, thread-safe. */
const EC_GROUP *group_curve(void);
const BIGNUM *group_order(void);
const EC_POINT *group_generator(void);

/* Decoders refuse anything that is not exactly the canonical form. */
int group_scalar_decode(const char *hex, BIGNUM *out, struct err *e);
void group_scalar_encode(const BIGNUM *s, char out[GROUP_SCALAR_HEX + 1]);
/* The same on limbs (the verifier's path: no BIGNUM). */
int group_scalar_decode_sc(const char *hex, p256_sc *out, struct err *e);
void group_scalar_encode_sc(const p256_sc *s, char out[GROUP_SCALAR_HEX + 1]);
int group_point_decode(const char *hex, EC_POINT *out, BN_CTX *ctx, struct err *e);
/* Uncompressed (130 digits): the prefix 04, x < p, y < p and the curve
 * equation, no square root; out gets the 65 bytes, a the point. */
int group_point_decode_full(const char *hex, unsigned char out[GROUP_POINT_FULL_LEN],
    struct p256_aff *a, struct err *e);
int group_point_encode_full(const EC_POINT *p, char out[GROUP_POINT_FULL_HEX + 1], BN_CTX *ctx);
int group_point_bytes(const EC_POINT *p, unsigned char out[GROUP_POINT_LEN], BN_CTX *ctx);
int group_point_encode(const EC_POINT *p, char out[GROUP_POINT_HEX + 1], BN_CTX *ctx);

/* Test vectors only: replace RAND_bytes by a deterministic generator so
 * that C and JavaScript can be checked to produce identical ballots. NULL
 * restores RAND_bytes. Never called by the programs. */
void group_set_test_rng(int (*fn)(unsigned char *out, size_t n));

/* Uniform non-zero scalar: 48 random bytes reduced mod n (bias < 2^-128). */
int group_random_scalar(BIGNUM *out, BN_CTX *ctx, struct err *e);
/* r = a·G + b·P (either scalar may be NULL). */
int group_mul2(EC_POINT *r, const BIGNUM *a, const EC_POINT *p, const BIGNUM *b,
    BN_CTX *ctx);
/* r = m·G for a small non-negative integer m (0 gives infinity). */
int group_mul_small(EC_POINT *r, unsigned long m, BN_CTX *ctx);

/* Lowercase hex of n bytes into out (2n + 1); strict hex decoder. */
void group_hex(const unsigned char *in, size_t n, char *out);
int group_unhex(const char *hex, unsigned char *out, size_t n);

#endif
