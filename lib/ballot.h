/* ballot.h: the encrypted ballot of one scrutin (docs/protocol.md §6):
 * one ciphertext per list choice, blank (and nul when enabled), each 0/1
 * with a proof that exactly one is 1; one ciphertext per candidate (1 =
 * chosen list and not struck), never above its list's choice, and at
 * least one kept name in a chosen list (striking all is blank): which
 * together make each 0/1.
 * Encoding, strict decoding and verification, canonical form, tracker. */
#ifndef ISOLOIR_BALLOT_H
#define ISOLOIR_BALLOT_H

#include <stddef.h>

#include <jansson.h>
#include <openssl/ec.h>

#include "err.h"
#include "jtree.h"

/* 2: proofs carry their commitments; 3: uncompressed (docs/protocol.md
 * §5); 4: no proof of its own per candidate (implied by order and range,
 * §6); 5: the ciphertexts' points uncompressed too (§2, §6). Casts accept
 * only this version; versions 2 to 4 are still verified where
 * ballot_election.version says so (boards of earlier elections, §10). */
#define BALLOT_VERSION 5
#define BALLOT_MAX_LISTS 32
#define BALLOT_MAX_CANDIDATES 63

/* The public shape of a scrutin's ballot. */
struct ballot_shape {
	unsigned scrutin;
	size_t lists;
	size_t candidates[BALLOT_MAX_LISTS];
	int nul;                          /* an explicit "vote nul" slot */
};

#define BALLOT_BLANK (-1)
#define BALLOT_NUL (-2)

/* What the elector chose: a list (0-based) with its kept candidates, blank
 * or nul. A list with every candidate struck must be turned into blank by
 * the caller (the proofs make such a ballot invalid). */
struct ballot_choice {
	int list;
	unsigned char kept[BALLOT_MAX_CANDIDATES];
};

/* The election a ballot belongs to: fingerprint and public key. */
struct ballot_election {
	unsigned char fingerprint[32];
	const EC_POINT *y;
	int version; /* the ballots' version: 0 means BALLOT_VERSION, or 2 to 4 */
};

/* Number of choice slots: lists + blank (+ nul). */
size_t ballot_slots(const struct ballot_shape *s);
/* Encrypt with proofs (the C twin of the browser's code), in the version
 * el->version says: 0 the current one; 3 (each candidate with its own
 * proof) or 4 (ciphertexts compressed) only to make boards of earlier
 * elections in tests. New reference. */
json_t *ballot_encrypt(const struct ballot_shape *s, const struct ballot_election *el,
    const struct ballot_choice *c, struct err *e);
/* Check the structure strictly and every proof. 0 valid, -1 invalid. */
int ballot_verify(const struct ballot_shape *s, const struct ballot_election *el,
    const json_t *ballot, struct err *e);
/* Positions of the totals: choice slots, then every candidate. */
size_t ballot_positions(const struct ballot_shape *s);
/* The stored points of a ballot for the sum (docs/protocol.md §9.1): per
 * position, a then b, each x || y big-endian. */
#define BALLOT_POINT_LEN 64
#define BALLOT_POINTS_LEN(npos) ((npos) * 2 * BALLOT_POINT_LEN)
/* ballot_verify that also writes the ciphertext points it decoded into
 * pts (BALLOT_POINTS_LEN(ballot_positions(s)) bytes) when valid: the cast
 * keeps them so the count adds points without a square root each. */
int ballot_verify_points(const struct ballot_shape *s, const struct ballot_election *el,
    const json_t *ballot, unsigned char *pts, struct err *e);
/* The same on a tree (lib/jtree.h): the cast reads its body with
 * jt_parse, without a json_t per string; ballot_verify_points is this on
 * jt_from_json's tree. */
int ballot_verify_tree(const struct ballot_shape *s, const struct ballot_election *el,
    const struct jtree *t, jt_ref ballot, unsigned char *pts, struct err *e);
/* ballot_verify_tree in two halves, so that a caller can check the
 * equations of several ballots in one multiplication (lib/vcombine.c):
 * ballot_verify_collect does every check but that multiplication (the
 * structure, the points and scalars, the challenges) and adds the
 * ballot's equations to batch (proof_batch_new(el->y), lib/proof.h;
 * NULL: each proof checked on its own, the slow way), 0 or -1 (e says
 * why: the ballot is refused). When the batch then fails
 * alone (proof_batch_check), ballot_verify_blame checks the proofs one
 * by one and names the first false one in e; it always returns -1. */
struct proof_batch;
int ballot_verify_collect(const struct ballot_shape *s, const struct ballot_election *el,
    const struct jtree *t, jt_ref ballot, unsigned char *pts, struct proof_batch *batch,
    struct err *e);
int ballot_verify_blame(const struct ballot_shape *s, const struct ballot_election *el,
    const struct jtree *t, jt_ref ballot, struct err *e);
/* Canonical text (sorted keys, compact, ASCII) and tracker = SHA-256 of
 * it. ballot_canonical_tree gives the same bytes from a tree (NULL only
 * on a real or no memory: never for a verified ballot), *len its length. */
char *ballot_canonical(const json_t *ballot);
char *ballot_canonical_tree(const struct jtree *t, jt_ref ballot, size_t *len);
void ballot_tracker(const char *canonical, unsigned char out[32]);

#endif
