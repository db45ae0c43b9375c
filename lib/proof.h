/* proof.h: zero-knowledge proof that an exponential-ElGamal ciphertext
 * (A, B) = (r·G, m·G + r·Y) encrypts a value m of a small public set S,
 * without revealing which (a disjunction of Chaum–Pedersen proofs, made
 * non-interactive by strong Fiat–Shamir: the challenge hashes the election
 * fingerprint, the key, the statement, the context and every commitment).
 * Used with S = {0,1} (a mark), S = {1} (exactly one choice) and
 * S = {0..k} (ranges). docs/protocol.md §5.
 *
 * The proof carries its commitments (since ballot version 2; uncompressed
 * since version 3), so that a verifier checks
 * the challenge by hashing them as given, and the 2k equations
 * a_i = s_i·G − c_i·A, b_i = s_i·Y − c_i·(B − m_i·G) of every proof of a
 * ballot at once: a random linear combination, one multi-scalar
 * multiplication (struct proof_batch, lib/p256_msm.c). */
#ifndef ISOLOIR_PROOF_H
#define ISOLOIR_PROOF_H

#include <stddef.h>

#include <openssl/bn.h>
#include <openssl/ec.h>

#include "err.h"
#include "group.h"
#include "p256.h"

#define PROOF_DST "isoloir-v1-proof"
#define PROOF_MAX_SET 64

/* What every challenge of one ballot is bound to. */
struct proof_ctx {
	unsigned char election[32];   /* election fingerprint */
	const EC_POINT *y;            /* election public key */
	const char *context;          /* "scrutin=7;slot=list:2" */
	BN_CTX *bn;
};

/* One proof: per member of the set a challenge, a response and the two
 * commitments, SEC1 uncompressed (04 ‖ x ‖ y, as sent since ballot
 * version 3: the verifier checks the curve equation instead of taking a
 * square root), hashed in their compressed form (proof_commit_part). */
struct proof {
	size_t k;
	p256_sc c[PROOF_MAX_SET]; /* each < n */
	p256_sc s[PROOF_MAX_SET];
	unsigned char ca[PROOF_MAX_SET][GROUP_POINT_FULL_LEN];
	unsigned char cb[PROOF_MAX_SET][GROUP_POINT_FULL_LEN];
};

/* The compressed form of an uncompressed commitment, as the transcript
 * hashes it: 02 or 03 by the parity of y, then x. No arithmetic. */
void proof_commit_compress(unsigned char out[GROUP_POINT_LEN],
    const unsigned char full[GROUP_POINT_FULL_LEN]);

/* The equations of many proofs under one key, checked together: each gets
 * a fresh 128-bit weight from the CSPRNG, and the weighted sum must be the
 * point at infinity. A false equation passes with probability 2^-128. */
struct proof_batch;
struct proof_batch *proof_batch_new(const EC_POINT *y, BN_CTX *bn);
void proof_batch_free(struct proof_batch *b);
/* Registers a point that later proof_pt may be linear combinations of;
 * returns its index, or -1. */
int proof_batch_base(struct proof_batch *b, const struct p256_aff *p);
/* 0 when every equation added holds; -1 otherwise (e says so). */
int proof_batch_check(struct proof_batch *b, struct err *e);
/* The same for the equations of nb batches (of several ballots, under
 * one key or several) in one multi-scalar multiplication, cheaper per
 * equation than one per batch (docs/performance.md). -1 says only that
 * some equation of some batch is false (or memory ran out): check each
 * batch alone to know which. The batches are left as they were. */
int proof_batch_check_all(struct proof_batch *const *b, size_t nb, struct err *e);

/* Prove that (A, B) encrypts set[t] with randomness r. */
int proof_prove(const struct proof_ctx *pc, const EC_POINT *a, const EC_POINT *b,
    const BIGNUM *r, const unsigned *set, size_t k, size_t t, struct proof *out,
    struct err *e);
/* A public point as the verifier holds it: affine coordinates (p256.h)
 * and, unless it is the point at infinity, the encoding it is hashed as. */
#define PROOF_MAX_LIN 72
struct proof_pt {
	struct p256_aff p;
	unsigned char enc[GROUP_POINT_LEN];
	/* Optional: p = Σ sign·base[idx] over points registered in the batch
	 * (proof_batch_base); the batch then puts p's coefficient on those
	 * (fewer full-size scalars in the multiplication). lin = 0: none. */
	int lin; /* 1: the combination below holds (possibly empty) */
	size_t nlin;
	uint16_t lin_idx[PROOF_MAX_LIN];
	int8_t lin_sign[PROOF_MAX_LIN];
};
int proof_pt_from_ec(struct proof_pt *r, const EC_POINT *p, BN_CTX *bn);
/* Sets enc from p (after arithmetic on p). */
void proof_pt_encode(struct proof_pt *r);

/* proof_verify on points already decoded (the ballot verifier's path: no
 * conversion, no re-encoding). y is pc->y. */
int proof_verify_pt(const struct proof_ctx *pc, const struct proof_pt *y,
    const struct proof_pt *a, const struct proof_pt *b, const unsigned *set,
    size_t k, const struct proof *p, struct proof_batch *batch, struct err *e);

/* Checks the challenge and the encodings now; the equations now too when
 * batch is NULL, else adds them to batch (proof_batch_check decides).
 * 0 valid (so far); -1 invalid (e says why). */
int proof_verify(const struct proof_ctx *pc, const EC_POINT *a, const EC_POINT *b,
    const unsigned *set, size_t k, const struct proof *p,
    struct proof_batch *batch, struct err *e);

#endif
