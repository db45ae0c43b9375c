/* proof.h: zero-knowledge proof that an exponential-ElGamal ciphertext
 * (A, B) = (r·G, m·G + r·Y) encrypts a value m of a small public set S,
 * without revealing which (a disjunction of Chaum–Pedersen proofs, made
 * non-interactive by strong Fiat–Shamir: the challenge hashes the election
 * fingerprint, the key, the statement, the context and every commitment).
 * Used with S = {0,1} (a mark), S = {1} (exactly one choice) and
 * S = {0..k} (ranges). docs/protocol.md §5. */
#ifndef ISOLOIR_PROOF_H
#define ISOLOIR_PROOF_H

#include <stddef.h>

#include <openssl/bn.h>
#include <openssl/ec.h>

#include "err.h"

#define PROOF_DST "isoloir-v1-proof"
#define PROOF_MAX_SET 64

/* What every challenge of one ballot is bound to. */
struct proof_ctx {
	unsigned char election[32];   /* election fingerprint */
	const EC_POINT *y;            /* election public key */
	const char *context;          /* "scrutin=7;slot=list:2" */
	BN_CTX *bn;
};

/* One proof: a challenge and a response per member of the set. */
struct proof {
	size_t k;
	BIGNUM *c[PROOF_MAX_SET];
	BIGNUM *s[PROOF_MAX_SET];
};

void proof_init(struct proof *p, size_t k);
void proof_free(struct proof *p);
/* Prove that (A, B) encrypts set[t] with randomness r. */
int proof_prove(const struct proof_ctx *pc, const EC_POINT *a, const EC_POINT *b,
    const BIGNUM *r, const unsigned *set, size_t k, size_t t, struct proof *out,
    struct err *e);
/* 0 valid; -1 invalid (e says why). */
int proof_verify(const struct proof_ctx *pc, const EC_POINT *a, const EC_POINT *b,
    const unsigned *set, size_t k, const struct proof *p, struct err *e);

#endif
