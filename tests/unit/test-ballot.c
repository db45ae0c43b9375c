/* test-ballot.c: encrypted ballots (R-VOTE-5): every valid choice verifies;
 * every forgery or malformed encoding is refused with a reason: wrong
 * challenge, swapped ciphertexts, two lists chosen, a 2 in a 0/1 slot,
 * points off the curve or at infinity, scalars >= n, truncated and
 * oversized encodings, replay into another scrutin or election. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ballot.h"
#include "cu.h"
#include "group.h"
#include "h2s.h"
#include "proof.h"
#include "tally.h"

static BIGNUM *sk;
static EC_POINT *pk;
static struct ballot_election el;
static const struct ballot_shape s43 = { 7, 4, { 3, 3, 3, 3 }, 0 };
static const struct ballot_shape snul = { 8, 2, { 2, 1 }, 1 };

static int
setup(void)
{
	BN_CTX *ctx = BN_CTX_new();
	struct err e;

	sk = BN_new();
	pk = EC_POINT_new(group_curve());
	group_random_scalar(sk, ctx, &e);
	group_mul2(pk, sk, NULL, NULL, ctx);
	memset(el.fingerprint, 0xab, 32);
	el.y = pk;
	BN_CTX_free(ctx);
	return 0;
}

static json_t *
enc(const struct ballot_shape *s, int list, const char *kept)
{
	struct ballot_choice c = { list, { 0 } };
	struct err e;
	json_t *b;

	for (size_t j = 0; kept != NULL && kept[j]; j++)
		c.kept[j] = kept[j] == '1';
	b = ballot_encrypt(s, &el, &c, &e);
	if (b == NULL)
		fprintf(stderr, "encrypt: %s\n", e.msg);
	return b;
}

static int
verify(const struct ballot_shape *s, const json_t *b, struct err *e)
{
	return ballot_verify(s, &el, b, e);
}

static void
test_every_choice_verifies(void)
{
	const char *kepts[] = { "111", "101", "001" };
	struct err e;

	for (int l = 0; l < 4; l++) {
		json_t *b = enc(&s43, l, kepts[l % 3]);
		CU_ASSERT_PTR_NOT_NULL_FATAL(b);
		CU_ASSERT_EQUAL(verify(&s43, b, &e), 0);
		json_decref(b);
	}
	json_t *b = enc(&s43, BALLOT_BLANK, NULL);
	CU_ASSERT_EQUAL(verify(&s43, b, &e), 0);
	json_decref(b);
	b = enc(&snul, BALLOT_NUL, NULL);
	CU_ASSERT_EQUAL(verify(&snul, b, &e), 0);
	json_decref(b);
}

static void
test_all_struck_is_refused_at_encryption(void)
{
	struct ballot_choice c = { 1, { 0, 0, 0 } };
	struct err e;

	CU_ASSERT_PTR_NULL(ballot_encrypt(&s43, &el, &c, &e));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "vote blanc"));
	c.list = BALLOT_NUL; /* no nul slot in this scrutin */
	CU_ASSERT_PTR_NULL(ballot_encrypt(&s43, &el, &c, &e));
}

/* Replace a string at a JSON path inside choices[i] / proof. */
static void
set_str(json_t *b, const char *key, size_t i, const char *field, const char *v)
{
	json_object_set_new(json_array_get(json_object_get(b, key), i), field, json_string(v));
}

static void
test_wrong_challenge_refused(void)
{
	json_t *b = enc(&s43, 0, "111");
	json_t *pair = json_array_get(json_object_get(json_array_get(json_object_get(b, "choices"), 2), "proof"), 0);
	char s[65];
	struct err e;

	strcpy(s, json_string_value(json_array_get(pair, 0)));
	s[63] = s[63] == '0' ? '1' : '0';
	json_array_set_new(pair, 0, json_string(s));
	CU_ASSERT_EQUAL(verify(&s43, b, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "choice=2"));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "défi incorrect"));
	json_decref(b);
}

/* Flip the last hex digit of a string of proof[branch][field] of slot. */
static void
flip_field(json_t *b, const char *key, size_t slot, size_t branch, size_t field)
{
	json_t *br = json_array_get(json_object_get(json_array_get(json_object_get(b, key), slot), "proof"), branch);
	char v[80];

	snprintf(v, sizeof(v), "%s", json_string_value(json_array_get(br, field)));
	v[strlen(v) - 1] = v[strlen(v) - 1] == '0' ? '2' : '0';
	json_array_set_new(br, field, json_string(v));
}

/* Change one hex digit of the response s of a proof branch. */
static void
flip_response(json_t *br)
{
	char v[80];

	snprintf(v, sizeof(v), "%s", json_string_value(json_array_get(br, 1)));
	v[10] = v[10] == 'a' ? 'b' : 'a';
	json_array_set_new(br, 1, json_string(v));
}

/* The responses are not hashed: only the batched equations catch a
 * changed one, and the second pass names the proof. */
static void
test_changed_response_refused(void)
{
	struct ballot_shape s87 = { 7, 8, { 7, 7, 7, 7, 7, 7, 7, 7 }, 0 };
	json_t *b = enc(&s87, 5, "1011111");
	struct err e;

	CU_ASSERT_EQUAL(verify(&s87, b, &e), 0);
	flip_field(b, "choices", 6, 1, 1);
	CU_ASSERT_EQUAL(verify(&s87, b, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "choice=6"));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "engagements incorrects"));
	json_decref(b);
	/* deep in the ballot: a candidate's order proof, a list's range */
	b = enc(&s87, 5, "1011111");
	flip_response(json_array_get(json_array_get(json_object_get(
	    json_array_get(json_object_get(b, "lists"), 3), "order"), 4), 0));
	CU_ASSERT_EQUAL(verify(&s87, b, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "order=3.4"));
	json_decref(b);
	b = enc(&s87, 5, "1011111");
	flip_response(json_array_get(json_object_get(
	    json_array_get(json_object_get(b, "lists"), 5), "range"), 5));
	CU_ASSERT_EQUAL(verify(&s87, b, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "range=5"));
	json_decref(b);
}

/* Branch br of the proof of choices[slot]. */
static json_t *
branch_of(json_t *b, size_t slot, size_t br)
{
	return json_array_get(json_object_get(json_array_get(json_object_get(b, "choices"), slot), "proof"), br);
}

/* Commitments are hashed (compressed) as given: another valid point
 * changes the challenge; a non-point or a non-canonical encoding is
 * refused, the compressed form included (version 3 sends 04 ‖ x ‖ y). */
static void
test_changed_commitment_refused(void)
{
	json_t *b = enc(&s43, 1, "101");
	json_t *br;
	char hashed[GROUP_POINT_HEX + 1];
	struct err e;

	/* b_0 in place of a_0: a valid point, not the one hashed */
	br = branch_of(b, 3, 0);
	json_array_set(br, 2, json_array_get(br, 3));
	CU_ASSERT_EQUAL(verify(&s43, b, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "défi incorrect"));
	json_decref(b);
	/* the very compressed form the transcript hashes: refused as an
	 * encoding, before any arithmetic */
	b = enc(&s43, 1, "101");
	br = branch_of(b, 3, 1);
	const char *full = json_string_value(json_array_get(br, 3));
	CU_ASSERT_EQUAL_FATAL(strlen(full), GROUP_POINT_FULL_HEX);
	snprintf(hashed, sizeof(hashed), "0%c%.64s",
	    strchr("13579bdf", full[GROUP_POINT_FULL_HEX - 1]) ? '3' : '2', full + 2);
	json_array_set_new(br, 3, json_string(hashed));
	CU_ASSERT_EQUAL(verify(&s43, b, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "engagement mal encodé"));
	json_decref(b);
	b = enc(&s43, 1, "101");
	json_array_set_new(branch_of(b, 3, 1), 3, json_string("04"));
	CU_ASSERT_EQUAL(verify(&s43, b, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "engagement mal encodé"));
	json_decref(b);
	/* the version 1 layout ([c, s] pairs) is not accepted any more */
	b = enc(&s43, 1, "101");
	br = branch_of(b, 0, 0);
	json_array_remove(br, 3);
	json_array_remove(br, 2);
	CU_ASSERT_EQUAL(verify(&s43, b, &e), -1);
	json_decref(b);
	b = enc(&s43, 1, "101");
	json_object_set_new(b, "version", json_integer(1));
	CU_ASSERT_EQUAL(verify(&s43, b, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "version de bulletin inconnue");
	json_decref(b);
}

/* The uncompressed point hex with its coordinate at byte off (33: y,
 * 1: x) replaced by f(coordinate), into out. */
static void
coord_altered(const char *hex, size_t off, int (*f)(BIGNUM *v, const BIGNUM *p, BN_CTX *ctx),
    char out[GROUP_POINT_FULL_HEX + 1])
{
	BN_CTX *ctx = BN_CTX_new();
	BIGNUM *p = BN_new(), *v = BN_new();
	unsigned char bytes[GROUP_POINT_FULL_LEN];

	EC_GROUP_get_curve(group_curve(), p, NULL, NULL, ctx);
	CU_ASSERT_EQUAL(group_unhex(hex, bytes, sizeof(bytes)), 0);
	BN_bin2bn(bytes + off, 32, v);
	CU_ASSERT_EQUAL(f(v, p, ctx), 0);
	BN_bn2binpad(v, bytes + off, 32);
	group_hex(bytes, sizeof(bytes), out);
	BN_free(p);
	BN_free(v);
	BN_CTX_free(ctx);
}

/* Commitment field f of choices[slot] branch br with y replaced by f(y)
 * (x kept), on a fresh ballot; the verification's outcome. */
static int
verify_with_y(int (*f)(BIGNUM *y, const BIGNUM *p, BN_CTX *ctx), size_t slot, size_t br,
    size_t field, struct err *e)
{
	json_t *b = enc(&s43, 2, "011"), *j = branch_of(b, slot, br);
	char hex[GROUP_POINT_FULL_HEX + 1];
	int rc;

	coord_altered(json_string_value(json_array_get(j, field)), 33, f, hex);
	json_array_set_new(j, field, json_string(hex));
	rc = verify(&s43, b, e);
	json_decref(b);
	return rc;
}

/* y − 2 (or + 2): same parity, so the same compressed form is hashed and
 * the challenge still matches; only the curve equation catches it. */
static int
y_same_parity(BIGNUM *y, const BIGNUM *p, BN_CTX *ctx)
{
	(void)p;
	(void)ctx;
	return BN_cmp(y, BN_value_one()) > 0 ? !BN_sub_word(y, 2) : !BN_add_word(y, 2);
}

/* p + 1 or p + 2, whichever has y's parity: not a canonical coordinate. */
static int
y_not_reduced(BIGNUM *y, const BIGNUM *p, BN_CTX *ctx)
{
	int odd = BN_is_odd(y);

	(void)ctx;
	return BN_copy(y, p) == NULL || !BN_add_word(y, odd ? 2 : 1);
}

/* −A: p − y, on the curve with the same x, the other parity. */
static int
y_negated(BIGNUM *y, const BIGNUM *p, BN_CTX *ctx)
{
	(void)ctx;
	return !BN_sub(y, p, y);
}

static void
test_uncompressed_commitment_strict(void)
{
	struct err e;

	for (size_t field = 2; field <= 3; field++) {
		CU_ASSERT_EQUAL(verify_with_y(y_same_parity, 1, 0, field, &e), -1);
		CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "engagement hors de la courbe"));
		CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "choice=1"));
		CU_ASSERT_EQUAL(verify_with_y(y_not_reduced, 4, 1, field, &e), -1);
		CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "engagement hors de la courbe"));
		CU_ASSERT_EQUAL(verify_with_y(y_negated, 2, 1, field, &e), -1);
		CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "défi incorrect"));
	}
}

/* Encodings refused before any arithmetic, in every position of a proof. */
static void
test_uncompressed_commitment_encodings_refused(void)
{
	json_t *b = enc(&s43, BALLOT_BLANK, NULL);
	const char *good = json_string_value(json_array_get(branch_of(b, 0, 0), 2));
	char bad[6][GROUP_POINT_FULL_HEX + 8];
	struct err e;

	snprintf(bad[0], sizeof(bad[0]), "02%s", good + 2);         /* 02 prefix, 65 bytes */
	snprintf(bad[1], sizeof(bad[1]), "00%s", good + 2);         /* infinity's prefix */
	snprintf(bad[2], sizeof(bad[2]), "%.128s", good);           /* a byte short */
	snprintf(bad[3], sizeof(bad[3]), "%s00", good);             /* a byte more */
	snprintf(bad[4], sizeof(bad[4]), "%s", good);               /* uppercase */
	for (char *c = bad[4]; *c; c++)
		*c = (char)(*c >= 'a' && *c <= 'f' ? *c - 'a' + 'A' : *c);
	snprintf(bad[5], sizeof(bad[5]), "04%0128d", 0);            /* (0, 0) */
	CU_ASSERT_NOT_EQUAL(strcmp(bad[4], good), 0); /* some letter to raise */
	json_decref(b);
	for (size_t i = 0; i < 6; i++) {
		b = enc(&s43, BALLOT_BLANK, NULL);
		json_array_set_new(branch_of(b, 2, 1), 3, json_string(bad[i]));
		CU_ASSERT_EQUAL(verify(&s43, b, &e), -1);
		CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, i < 5 ? "engagement mal encodé" : "choice=2"));
		json_decref(b);
	}
}

static void
test_swapped_ciphertexts_refused(void)
{
	json_t *b = enc(&s43, 0, "111");
	json_t *ch = json_object_get(b, "choices");
	json_t *c0 = json_incref(json_array_get(ch, 0)), *c1 = json_incref(json_array_get(ch, 1));
	struct err e;

	json_array_set_new(ch, 0, c1);
	json_array_set_new(ch, 1, c0);
	CU_ASSERT_EQUAL(verify(&s43, b, &e), -1);
	json_decref(b);
}

static void
test_two_lists_chosen_refused(void)
{
	json_t *a = enc(&s43, 0, "111"), *b = enc(&s43, 1, "111");
	struct err e;

	/* choices[1] of b is a valid "1" with a valid proof: only the sum fails. */
	json_array_set(json_object_get(a, "choices"), 1, json_array_get(json_object_get(b, "choices"), 1));
	CU_ASSERT_EQUAL(verify(&s43, a, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "sum"));
	json_decref(a);
	json_decref(b);
}

static void
test_value_two_in_a_mark_refused(void)
{
	BN_CTX *ctx = BN_CTX_new();
	BIGNUM *r = BN_new(), *two = BN_new();
	EC_POINT *A = EC_POINT_new(group_curve()), *B = EC_POINT_new(group_curve());
	const unsigned set01[] = { 0, 1 };
	struct proof_ctx pc = { { 0 }, pk, "scrutin=7;choice=0", ctx };
	struct proof p;
	struct err e;

	/* (r·G, 2·G + r·Y) with a prover that lies about the branch. */
	memset(pc.election, 0xab, 32);
	group_random_scalar(r, ctx, &e);
	BN_set_word(two, 2);
	group_mul2(A, r, NULL, NULL, ctx);
	group_mul2(B, two, pk, r, ctx);
	CU_ASSERT_EQUAL_FATAL(proof_prove(&pc, A, B, r, set01, 2, 1, &p, &e), 0);
	CU_ASSERT_EQUAL(proof_verify(&pc, A, B, set01, 2, &p, NULL, &e), -1);
	/* The transcript is consistent: it is the equations that fail. */
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "engagements incorrects"));
	CU_ASSERT_EQUAL_FATAL(proof_prove(&pc, A, B, r, set01, 2, 0, &p, &e), 0);
	CU_ASSERT_EQUAL(proof_verify(&pc, A, B, set01, 2, &p, NULL, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "engagements incorrects"));
	/* An honest proof of the same ciphertext family verifies alone. */
	group_mul2(B, BN_value_one(), pk, r, ctx);
	CU_ASSERT_EQUAL_FATAL(proof_prove(&pc, A, B, r, set01, 2, 1, &p, &e), 0);
	CU_ASSERT_EQUAL(proof_verify(&pc, A, B, set01, 2, &p, NULL, &e), 0);
	BN_free(r);
	BN_free(two);
	EC_POINT_free(A);
	EC_POINT_free(B);
	BN_CTX_free(ctx);
}

/* A proof of (A, B) ∈ {1} whose commitment a is off by sign·D: its
 * challenge is honest (the transcript hashes a as sent), its equation
 * s·G − c·A = a fails by −sign·D. */
static void
forge_offset_proof(const struct proof_ctx *pc, const EC_POINT *A, const EC_POINT *B,
    const BIGNUM *r, const EC_POINT *D, int sign, struct proof *p)
{
	const EC_GROUP *g = group_curve();
	BN_CTX *ctx = pc->bn;
	BIGNUM *w = BN_new(), *c = BN_new(), *s = BN_new();
	EC_POINT *a = EC_POINT_new(g), *b = EC_POINT_new(g), *d = EC_POINT_dup(D, g);
	struct buf t = BUF_INIT;
	struct err e;

	CU_ASSERT_FATAL(group_random_scalar(w, ctx, &e) == 0);
	if (sign < 0)
		EC_POINT_invert(g, d, ctx);
	EC_POINT_mul(g, a, w, NULL, NULL, ctx);
	if (sign != 0)
		EC_POINT_add(g, a, a, d, ctx);
	EC_POINT_mul(g, b, NULL, pc->y, w, ctx);
	/* the transcript of docs/protocol.md §5 for the set {1} */
	h2s_part(&t, pc->election, 32);
	h2s_part_point(&t, pc->y, ctx);
	h2s_part_point(&t, A, ctx);
	h2s_part_point(&t, B, ctx);
	h2s_part_str(&t, pc->context);
	h2s_part_u64(&t, 1);
	h2s_part_u64(&t, 1);
	h2s_part_point(&t, a, ctx);
	h2s_part_point(&t, b, ctx);
	CU_ASSERT_FATAL(h2s_scalar(&t, PROOF_DST, c, ctx) == 0);
	BN_mod_mul(s, c, r, group_order(), ctx);
	BN_mod_add(s, s, w, group_order(), ctx);
	p->k = 1;
	CU_ASSERT_FATAL(p256_sc_from_bn(&p->c[0], c) == 0 && p256_sc_from_bn(&p->s[0], s) == 0);
	CU_ASSERT_FATAL(EC_POINT_point2oct(g, a, POINT_CONVERSION_UNCOMPRESSED, p->ca[0],
	    GROUP_POINT_FULL_LEN, ctx) == GROUP_POINT_FULL_LEN);
	CU_ASSERT_FATAL(EC_POINT_point2oct(g, b, POINT_CONVERSION_UNCOMPRESSED, p->cb[0],
	    GROUP_POINT_FULL_LEN, ctx) == GROUP_POINT_FULL_LEN);
	buf_free(&t);
	BN_free(w);
	BN_free(c);
	BN_clear_free(s);
	EC_POINT_free(a);
	EC_POINT_free(b);
	EC_POINT_free(d);
}

/* Two proofs wrong by +D and −D cancel out in a batch whose weights are
 * equal: each proof must get its own fresh weights (lib/proof.c
 * batch_random), and the batch must refuse the pair. */
static const unsigned set1_[] = { 1 };

static void
test_batch_errors_do_not_cancel(void)
{
	BN_CTX *ctx = BN_CTX_new();
	BIGNUM *r = BN_new(), *x = BN_new();
	EC_POINT *A = EC_POINT_new(group_curve()), *B = EC_POINT_new(group_curve());
	EC_POINT *D = EC_POINT_new(group_curve());
	struct proof_ctx pc = { { 0 }, pk, "scrutin=7;sum", ctx };
	struct proof_batch *batch;
	struct proof p1, p2;
	struct err e;

	memset(pc.election, 0xcd, 32);
	group_random_scalar(r, ctx, &e);
	group_random_scalar(x, ctx, &e);
	group_mul2(A, r, NULL, NULL, ctx);
	group_mul2(B, BN_value_one(), pk, r, ctx); /* encrypts 1 */
	group_mul2(D, x, NULL, NULL, ctx);
	/* honest pair: the construction itself is right */
	forge_offset_proof(&pc, A, B, r, D, 0, &p1);
	forge_offset_proof(&pc, A, B, r, D, 0, &p2);
	batch = proof_batch_new(pk, ctx);
	CU_ASSERT_FATAL(batch != NULL);
	CU_ASSERT(proof_verify(&pc, A, B, set1_, 1, &p1, batch, &e) == 0);
	CU_ASSERT(proof_verify(&pc, A, B, set1_, 1, &p2, batch, &e) == 0);
	CU_ASSERT(proof_batch_check(batch, &e) == 0);
	proof_batch_free(batch);
	/* +D and −D: each alone fails on its equation, not its challenge */
	forge_offset_proof(&pc, A, B, r, D, 1, &p1);
	forge_offset_proof(&pc, A, B, r, D, -1, &p2);
	CU_ASSERT(proof_verify(&pc, A, B, set1_, 1, &p1, NULL, &e) == -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "engagements incorrects"));
	CU_ASSERT(proof_verify(&pc, A, B, set1_, 1, &p2, NULL, &e) == -1);
	/* together, in one batch (and with many honest ones between them,
	 * so that they draw weights from different places of the buffer) */
	for (int gap = 0; gap < 3; gap++) {
		batch = proof_batch_new(pk, ctx);
		CU_ASSERT_FATAL(batch != NULL);
		CU_ASSERT(proof_verify(&pc, A, B, set1_, 1, &p1, batch, &e) == 0);
		for (int i = 0; i < gap * 70; i++) {
			struct proof h;
			forge_offset_proof(&pc, A, B, r, D, 0, &h);
			CU_ASSERT(proof_verify(&pc, A, B, set1_, 1, &h, batch, &e) == 0);
		}
		CU_ASSERT(proof_verify(&pc, A, B, set1_, 1, &p2, batch, &e) == 0);
		CU_ASSERT(proof_batch_check(batch, &e) == -1);
		CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "engagements incorrects"));
		proof_batch_free(batch);
	}
	BN_free(r);
	BN_free(x);
	EC_POINT_free(A);
	EC_POINT_free(B);
	EC_POINT_free(D);
	BN_CTX_free(ctx);
}

/* G uncompressed and compressed. */
#define G_X "6b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296"
#define G_Y "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f5"
#define P_HEX "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"

/* A ballot of el.version with choices[0].a replaced by v; the outcome. */
static int
verify_with_a(const char *v, struct err *e)
{
	json_t *b = enc(&s43, BALLOT_BLANK, NULL);
	int rc;

	set_str(b, "choices", 0, "a", v);
	rc = verify(&s43, b, e);
	json_decref(b);
	return rc;
}

/* Version 5: ciphertext points uncompressed, 04 ‖ x ‖ y; every other
 * encoding refused with its reason, before any proof. */
static void
test_bad_points_refused(void)
{
	const struct {
		const char *hex, *msg;
	} bad[] = {
		/* the compressed form of G (what the transcript hashes) */
		{ "036b17d1f2e12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296", "point mal encodé" },
		/* other prefixes, 65 bytes; infinity's */
		{ "02" G_X G_Y, "point compressé ou à l'infini (04 attendu)" },
		{ "03" G_X G_Y, "point compressé ou à l'infini (04 attendu)" },
		{ "00" G_X G_Y, "point compressé ou à l'infini (04 attendu)" },
		{ "00", "point mal encodé" },
		/* truncated, a byte more, uppercase */
		{ "04" G_X, "point mal encodé" },
		{ "04" G_X G_Y "00", "point mal encodé" },
		{ "04" G_X "4FE342E2FE1A7F9B8EE7EB4A7C0F9E162BCE33576B315ECECBB6406837BF51F5", "point mal encodé" },
		/* (0, 0), G with y + 2 (same parity, same compressed form), x = 0 */
		{ "04" "0000000000000000000000000000000000000000000000000000000000000000"
		       "0000000000000000000000000000000000000000000000000000000000000000", "point hors de la courbe" },
		{ "04" G_X "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51f7", "point hors de la courbe" },
		{ "04" "0000000000000000000000000000000000000000000000000000000000000000" G_Y, "point hors de la courbe" },
		/* coordinates ≥ p: p itself, all ones */
		{ "04" P_HEX G_Y, "coordonnée de point hors du corps (≥ p)" },
		{ "04" G_X P_HEX, "coordonnée de point hors du corps (≥ p)" },
		{ "04" G_X "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff", "coordonnée de point hors du corps (≥ p)" },
	};
	struct err e;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CU_ASSERT_EQUAL(verify_with_a(bad[i].hex, &e), -1);
		CU_ASSERT_STRING_EQUAL(e.msg, bad[i].msg);
	}
	/* the control: G itself decodes, the ballot fails further on */
	CU_ASSERT_EQUAL(verify_with_a("04" G_X G_Y, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "choice=0"));
}

/* Version 4 (boards of earlier elections): compressed points, strict. */
static void
test_bad_points_refused_v4(void)
{
	const char *bad[] = {
		/* x = 1 is not on P-256 (x = 0 is) */
		"020000000000000000000000000000000000000000000000000000000000000001",
		/* infinity / uncompressed prefixes, G uncompressed */
		"000000000000000000000000000000000000000000000000000000000000000000",
		"040000000000000000000000000000000000000000000000000000000000000000",
		"04" G_X G_Y,
		/* truncated, oversized, uppercase */
		"02",
		"0200000000000000000000000000000000000000000000000000000000000000000000",
		"036B17D1F2E12C4247F8BCE6E563A440F277037D812DEB33A0F4A13945D898C296",
	};
	const char *msg[] = { "point hors de la courbe", "point non compressé ou à l'infini",
		"point non compressé ou à l'infini", "point mal encodé", "point mal encodé",
		"point mal encodé", "point mal encodé" };
	struct err e;

	el.version = 4;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CU_ASSERT_EQUAL(verify_with_a(bad[i], &e), -1);
		CU_ASSERT_STRING_EQUAL(e.msg, msg[i]);
	}
	CU_ASSERT_EQUAL(verify_with_a("03" G_X, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "choice=0"));
	el.version = 0;
}

/* Point field f of a ciphertext object with y replaced by fy(y) (x kept),
 * or x by fx(x); the verification's outcome on the ballot b (consumed). */
static int
verify_with_coord(json_t *b, json_t *ct, const char *f, int coord,
    int (*fy)(BIGNUM *y, const BIGNUM *p, BN_CTX *ctx), struct err *e)
{
	char hex[GROUP_POINT_FULL_HEX + 1];
	int rc;

	coord_altered(json_string_value(json_object_get(ct, f)), (size_t)(1 + 32 * coord), fy, hex);
	json_object_set_new(ct, f, json_string(hex));
	rc = verify(&s43, b, e);
	json_decref(b);
	return rc;
}

static json_t *
choice_ct(json_t *b, size_t i)
{
	return json_array_get(json_object_get(b, "choices"), i);
}

static json_t *
cand_ct(json_t *b, size_t l, size_t j)
{
	return json_array_get(json_object_get(json_array_get(json_object_get(b, "lists"), l),
	    "candidates"), j);
}

/* Version 5's ciphertext points, as the commitments: y ± 2 keeps the
 * compressed form, so every transcript is unchanged and only the curve
 * equation refuses it (a choice's, a candidate's with no proof of its
 * own); a coordinate not reduced is refused; −A is on the curve but
 * hashes otherwise. */
static void
test_uncompressed_ciphertext_strict(void)
{
	struct err e;
	json_t *b;

	for (int i = 0; i < 2; i++) {
		const char *f = i ? "b" : "a";
		b = enc(&s43, 2, "011");
		CU_ASSERT_EQUAL(verify_with_coord(b, choice_ct(b, 1), f, 1, y_same_parity, &e), -1);
		CU_ASSERT_STRING_EQUAL(e.msg, "point hors de la courbe");
		b = enc(&s43, 2, "011");
		CU_ASSERT_EQUAL(verify_with_coord(b, cand_ct(b, 2, 1), f, 1, y_same_parity, &e), -1);
		CU_ASSERT_STRING_EQUAL(e.msg, "candidate=2.1 : point hors de la courbe");
		b = enc(&s43, 2, "011");
		CU_ASSERT_EQUAL(verify_with_coord(b, cand_ct(b, 0, 2), f, 1, y_not_reduced, &e), -1);
		CU_ASSERT_STRING_EQUAL(e.msg, "candidate=0.2 : coordonnée de point hors du corps (≥ p)");
		b = enc(&s43, 2, "011");
		CU_ASSERT_EQUAL(verify_with_coord(b, choice_ct(b, 3), f, 0, y_not_reduced, &e), -1);
		CU_ASSERT_STRING_EQUAL(e.msg, "coordonnée de point hors du corps (≥ p)");
		b = enc(&s43, 2, "011");
		CU_ASSERT_EQUAL(verify_with_coord(b, choice_ct(b, 2), f, 1, y_negated, &e), -1);
		CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "choice=2"));
		CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "défi incorrect"));
		/* a candidate's −A: its order proof's statement changes */
		b = enc(&s43, 2, "011");
		CU_ASSERT_EQUAL(verify_with_coord(b, cand_ct(b, 1, 0), f, 1, y_negated, &e), -1);
		CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "order=1.0"));
	}
}

/* One version per election: a version 4 ballot (compressed points) is
 * refused at a cast of version 5, even relabelled; a version 5 ballot
 * where version 4 is expected. */
static void
test_versions_not_mixed(void)
{
	json_t *b4, *b5;
	struct err e;

	el.version = 4;
	b4 = enc(&s43, 1, "110");
	el.version = 0;
	b5 = enc(&s43, 1, "110");
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(b4, "version")), 4);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(b5, "version")), 5);
	CU_ASSERT_EQUAL(strlen(json_string_value(json_object_get(choice_ct(b4, 0), "a"))), GROUP_POINT_HEX);
	CU_ASSERT_EQUAL(strlen(json_string_value(json_object_get(choice_ct(b5, 0), "a"))), GROUP_POINT_FULL_HEX);
	CU_ASSERT_EQUAL(verify(&s43, b5, &e), 0);
	CU_ASSERT_EQUAL(verify(&s43, b4, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "version de bulletin inconnue");
	json_object_set_new(b4, "version", json_integer(5));
	CU_ASSERT_EQUAL(verify(&s43, b4, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "point mal encodé");
	json_object_set_new(b4, "version", json_integer(4));
	el.version = 4;
	CU_ASSERT_EQUAL(verify(&s43, b4, &e), 0);
	CU_ASSERT_EQUAL(verify(&s43, b5, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "version de bulletin inconnue");
	json_object_set_new(b5, "version", json_integer(4));
	CU_ASSERT_EQUAL(verify(&s43, b5, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "point mal encodé");
	el.version = 6;
	CU_ASSERT_EQUAL(verify(&s43, b4, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "version de bulletin inconnue");
	CU_ASSERT_PTR_NULL(ballot_encrypt(&s43, &el, &(struct ballot_choice){ BALLOT_BLANK, { 0 } }, &e));
	el.version = 0;
	json_decref(b4);
	json_decref(b5);
}

static void
test_non_hex_digits_refused(void)
{
	/* G, lowercase, with one digit replaced by a byte next to a hex range
	 * ('/', ':', '`', 'g', 'G', '@') or two by the two bytes of 'é':
	 * refused as encodings, before any arithmetic */
	const char *bad[] = {
		"046b17d1f2/12c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296" G_Y,
		"046b17d1f2e:2c4247f8bce6e563a440f277037d812deb33a0f4a13945d898c296" G_Y,
		"046b17d1f2e12c4247f8`ce6e563a440f277037d812deb33a0f4a13945d898c296" G_Y,
		"04" G_X "4fe342e2fe1a7f9b8ee7eb4a7c0f9e162bce33576b315ececbb6406837bf51fg",
		"046b17d1f2e12c4247f8bce6e563a4G0f277037d812deb33a0f4a13945d898c296" G_Y,
		"046b17d1f2e12c4247f8bce6e563a440f277037dé2deb33a0f4a13945d898c296" G_Y,
		"0@" G_X G_Y,
	};
	struct err e;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CU_ASSERT_EQUAL(verify_with_a(bad[i], &e), -1);
		CU_ASSERT_STRING_EQUAL(e.msg, "point mal encodé");
	}
}

static void
test_scalar_not_below_n_refused(void)
{
	json_t *b = enc(&s43, 2, "010");
	json_t *pair = json_array_get(json_object_get(json_array_get(json_object_get(b, "choices"), 0), "proof"), 1);
	struct err e;

	/* n itself */
	json_array_set_new(pair, 1, json_string("ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"));
	CU_ASSERT_EQUAL(verify(&s43, b, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "≥ n"));
	json_decref(b);
}

static void
test_truncated_and_oversized_structures_refused(void)
{
	json_t *b = enc(&s43, 3, "100");
	struct err e;

	CU_ASSERT_EQUAL(json_array_remove(json_object_get(b, "choices"), 4), 0);
	CU_ASSERT_EQUAL(verify(&s43, b, &e), -1);
	json_decref(b);
	b = enc(&s43, 3, "100");
	json_object_set_new(b, "extra", json_true());
	CU_ASSERT_EQUAL(verify(&s43, b, &e), -1);
	json_decref(b);
	b = enc(&s43, 3, "100");
	json_array_remove(json_object_get(json_array_get(json_object_get(b, "lists"), 0), "candidates"), 2);
	CU_ASSERT_EQUAL(verify(&s43, b, &e), -1);
	json_decref(b);
	b = enc(&s43, 3, "100");
	json_array_append_new(json_object_get(json_array_get(json_object_get(b, "choices"), 1), "proof"),
	    json_pack("[s,s]", "00", "00"));
	CU_ASSERT_EQUAL(verify(&s43, b, &e), -1);
	json_decref(b);
}

static void
test_replay_into_other_scrutin_or_election_refused(void)
{
	json_t *b = enc(&s43, 1, "110");
	struct ballot_shape other = s43;
	struct err e;

	other.scrutin = 9;
	CU_ASSERT_EQUAL(verify(&other, b, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "bulletin d'un autre scrutin");
	/* Even relabelled, the proofs are bound to scrutin 7. */
	json_object_set_new(b, "scrutin", json_integer(9));
	CU_ASSERT_EQUAL(verify(&other, b, &e), -1);
	json_object_set_new(b, "scrutin", json_integer(7));
	el.fingerprint[0] ^= 1;
	CU_ASSERT_EQUAL(verify(&s43, b, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "bulletin d'une autre élection");
	el.fingerprint[0] ^= 1;
	CU_ASSERT_EQUAL(verify(&s43, b, &e), 0);
	json_decref(b);
}

static void
test_tracker_is_canonical(void)
{
	json_t *b = enc(&s43, 0, "011"), *again;
	char *c1 = ballot_canonical(b), *c2;
	unsigned char t1[32], t2[32];
	json_error_t je;

	again = json_loads(c1, 0, &je);
	c2 = ballot_canonical(again);
	CU_ASSERT_STRING_EQUAL(c1, c2);
	CU_ASSERT_PTR_NULL(strchr(c1, ' '));
	ballot_tracker(c1, t1);
	c1[100] = c1[100] == 'a' ? 'b' : 'a';
	ballot_tracker(c1, t2);
	CU_ASSERT(memcmp(t1, t2, 32) != 0);
	free(c1);
	free(c2);
	json_decref(b);
	json_decref(again);
}

/* The cast's path (lib/jtree.c): the body as the browser sends it (keys
 * in its order) and the same ballot written otherwise (spaces, escapes)
 * verify with the same points and give the canonical bytes of
 * ballot_canonical, hence the same tracker; a changed digit is refused. */
static void
test_tree_path_like_json_path(void)
{
	const size_t plen = BALLOT_POINTS_LEN(ballot_positions(&s43));
	unsigned char *p1 = malloc(plen), *p2 = malloc(plen);
	json_t *b = enc(&s43, 1, "110");
	json_t *body = json_pack("{s:i, s:O, s:s}", "scrutin", 7, "bulletin", b, "mot_de_passe", "x");
	char *text = json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER);
	char *spaced = json_dumps(body, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
	char *canon = ballot_canonical(b), *c, *q;
	struct jtree t;
	struct err e;
	jt_ref r;

	CU_ASSERT_EQUAL_FATAL(ballot_verify_points(&s43, &el, b, p1, &e), 0);
	CU_ASSERT_EQUAL_FATAL(jt_parse(&t, text, strlen(text), &e), 0);
	r = jt_get(&t, JT_ROOT, "bulletin");
	CU_ASSERT_EQUAL(ballot_verify_tree(&s43, &el, &t, r, p2, &e), 0);
	CU_ASSERT_EQUAL(memcmp(p1, p2, plen), 0);
	c = ballot_canonical_tree(&t, r, NULL);
	CU_ASSERT_STRING_EQUAL(c, canon);
	free(c);
	jt_free(&t);
	/* indented, and the first 'a' of a hex digit string written \u0061 */
	q = strstr(spaced, "\"a\": \"");
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	q = strchr(q + 6, 'a');
	CU_ASSERT_PTR_NOT_NULL_FATAL(q);
	{
		size_t off = (size_t)(q - spaced), n = strlen(spaced);
		char *esc = malloc(n + 6);
		memcpy(esc, spaced, off);
		memcpy(esc + off, "\\u0061", 6);
		memcpy(esc + off + 6, q + 1, n - off);
		CU_ASSERT_EQUAL_FATAL(jt_parse(&t, esc, strlen(esc), &e), 0);
		r = jt_get(&t, JT_ROOT, "bulletin");
		CU_ASSERT_EQUAL(ballot_verify_tree(&s43, &el, &t, r, NULL, &e), 0);
		c = ballot_canonical_tree(&t, r, NULL);
		CU_ASSERT_STRING_EQUAL(c, canon);
		free(c);
		jt_free(&t);
		free(esc);
	}
	/* the same 'a' turned into 'b': another point, refused */
	*q = 'b';
	CU_ASSERT_EQUAL_FATAL(jt_parse(&t, spaced, strlen(spaced), &e), 0);
	CU_ASSERT_EQUAL(ballot_verify_tree(&s43, &el, &t, jt_get(&t, JT_ROOT, "bulletin"), NULL, &e), -1);
	jt_free(&t);
	free(text);
	free(spaced);
	free(canon);
	free(p1);
	free(p2);
	json_decref(body);
	json_decref(b);
}

/* Totals from the points stored at cast time equal the totals from the
 * ballots' JSON, whatever the number of threads; each stored point is the
 * decoded point of the body's encoding. */
static void
test_stored_points_sum_like_the_bodies(void)
{
	enum { NB = 150 };
	const size_t npos = ballot_positions(&s43), plen = BALLOT_POINTS_LEN(npos);
	unsigned char *pts = malloc(NB * plen);
	struct tally *tj = tally_new(&s43), *t1 = tally_new(&s43), *t2 = tally_new(&s43);
	json_t *b[3], *j1, *j2, *jj;
	struct err e;

	CU_ASSERT_EQUAL(npos, 17);
	b[0] = enc(&s43, 0, "101");
	b[1] = enc(&s43, 2, "011");
	b[2] = enc(&s43, BALLOT_BLANK, NULL);
	for (int i = 0; i < 3; i++)
		CU_ASSERT_EQUAL_FATAL(ballot_verify_points(&s43, &el, b[i], pts + i * plen, &e), 0);
	/* position 0's a is choice 0's "a", x || y as sent (version 5); and
	 * the last position's b the last candidate's "b" */
	{
		char hex[GROUP_POINT_FULL_HEX + 1] = "04";
		group_hex(pts, 64, hex + 2);
		CU_ASSERT_STRING_EQUAL(hex, json_string_value(json_object_get(choice_ct(b[0], 0), "a")));
		group_hex(pts + plen - 64, 64, hex + 2);
		CU_ASSERT_STRING_EQUAL(hex, json_string_value(json_object_get(cand_ct(b[0], 3, 2), "b")));
	}
	/* version 4 (compressed, decoded by a square root): the same layout */
	{
		unsigned char enc33[33], *p4 = malloc(plen);
		struct p256_aff q = { .inf = 0 };
		char hex[GROUP_POINT_HEX + 1];
		json_t *b4;
		el.version = 4;
		b4 = enc(&s43, 0, "101");
		CU_ASSERT_EQUAL(ballot_verify_points(&s43, &el, b4, p4, &e), 0);
		el.version = 0;
		CU_ASSERT_EQUAL(p256_fe_from_bytes(&q.x, p4), 0);
		CU_ASSERT_EQUAL(p256_fe_from_bytes(&q.y, p4 + 32), 0);
		p256_aff_encode(enc33, &q);
		group_hex(enc33, 33, hex);
		CU_ASSERT_STRING_EQUAL(hex, json_string_value(json_object_get(choice_ct(b4, 0), "a")));
		/* and tally_add reads either form */
		CU_ASSERT_EQUAL(tally_add(tj, b4, &e), 0);
		CU_ASSERT_EQUAL(tally_add_points(t1, p4, 1, 1, NULL, &e), 0);
		CU_ASSERT_EQUAL(tally_add_points(t2, p4, 1, 1, NULL, &e), 0);
		json_decref(b4);
		free(p4);
	}
	for (int i = 3; i < NB; i++)
		memcpy(pts + i * plen, pts + (i % 3) * plen, plen);
	for (int i = 0; i < NB; i++)
		CU_ASSERT_EQUAL(tally_add(tj, b[i % 3], &e), 0);
	CU_ASSERT_EQUAL(tally_add_points(t1, pts, NB, 1, NULL, &e), 0);
	CU_ASSERT_EQUAL(tally_add_points(t2, pts, 100, 2, NULL, &e), 0);
	CU_ASSERT_EQUAL(tally_add_points(t2, pts + 100 * plen, NB - 100, 3, NULL, &e), 0);
	jj = tally_to_json(tj);
	j1 = tally_to_json(t1);
	j2 = tally_to_json(t2);
	CU_ASSERT_TRUE(json_equal(jj, j1));
	CU_ASSERT_TRUE(json_equal(jj, j2));
	json_decref(j1);
	/* one coordinate changed: off the curve, refused, totals unchanged */
	pts[77 * plen + 5 * 64 + 63] ^= 1;
	{
		size_t bad = 0;
		CU_ASSERT_EQUAL(tally_add_points(t1, pts, NB, 2, &bad, &e), -1);
		CU_ASSERT_EQUAL(bad, 77);
		CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "bulletin 78 : point enregistré hors de la courbe"));
	}
	/* a coordinate ≥ p, all zero (no point at infinity is stored) */
	pts[77 * plen + 5 * 64 + 63] ^= 1;
	memset(pts + 9 * plen + 64, 0xff, 32);
	CU_ASSERT_EQUAL(tally_add_points(t1, pts, NB, 1, NULL, &e), -1);
	memcpy(pts + 9 * plen, pts, plen);
	memset(pts + 9 * plen + 128, 0, 64);
	CU_ASSERT_EQUAL(tally_add_points(t1, pts, NB, 1, NULL, &e), -1);
	j1 = tally_to_json(t1);
	CU_ASSERT_TRUE(json_equal(jj, j1));
	/* a valid point, but another one (a and b swapped): summed, the totals
	 * differ from the bodies' — what the board's verification catches */
	memcpy(pts + 9 * plen, pts, plen);
	memcpy(pts + 9 * plen, pts + 64, 64);
	memcpy(pts + 9 * plen + 64, pts, 64);
	CU_ASSERT_EQUAL(tally_add_points(t1, pts, NB, 2, NULL, &e), 0);
	json_decref(j1);
	j1 = tally_to_json(t1);
	CU_ASSERT_FALSE(json_equal(jj, j1));
	json_decref(j1);
	json_decref(j2);
	json_decref(jj);
	for (int i = 0; i < 3; i++)
		json_decref(b[i]);
	tally_free(tj);
	tally_free(t1);
	tally_free(t2);
	free(pts);
}

/* ------------------------------------------------ a cheating prover
 * Since version 4 no proof of its own per candidate: "order" (x_l − k_lj ∈
 * {0,1}) and "range" (Σ_j k_lj − x_l ∈ {0..n_l−1}) imply k_lj ∈ {0,1}
 * (docs/protocol.md §6). This prover encrypts any values, proves honestly
 * every statement that is true, and lies (branch 0) on the others, so
 * each test below shows which proof stops which cheat. */

struct forge {
	int x[BALLOT_MAX_LISTS + 2];                     /* choice values */
	int k[BALLOT_MAX_LISTS][BALLOT_MAX_CANDIDATES]; /* candidate values */
};

/* out = v mod n (v may be negative). */
static void
bn_signed(BIGNUM *out, long v, BN_CTX *ctx)
{
	BN_set_word(out, (BN_ULONG)(v < 0 ? -v : v));
	if (v < 0)
		BN_mod_sub(out, group_order(), out, group_order(), ctx);
}

/* Enc(v; r) as {"a", "b"} and, when set is not NULL, its proof. */
static json_t *
forge_ct(const struct ballot_shape *s, const char *slot, long v, const BIGNUM *r,
    const unsigned *set, size_t k, int with_ct, BN_CTX *ctx)
{
	struct proof_ctx pc = { { 0 }, pk, NULL, ctx };
	EC_POINT *A = EC_POINT_new(group_curve()), *B = EC_POINT_new(group_curve());
	BIGNUM *m = BN_new();
	char context[96], a[GROUP_POINT_FULL_HEX + 1], b[GROUP_POINT_FULL_HEX + 1];
	char c[GROUP_SCALAR_HEX + 1], sc[GROUP_SCALAR_HEX + 1];
	char ca[GROUP_POINT_FULL_HEX + 1], cb[GROUP_POINT_FULL_HEX + 1];
	json_t *pj = NULL, *out;
	struct proof p;
	struct err e;
	size_t t = 0;

	bn_signed(m, v, ctx);
	group_mul2(A, r, NULL, NULL, ctx);
	group_mul2(B, m, pk, r, ctx);
	if (set != NULL) {
		for (size_t i = 0; i < k; i++)
			if ((long)set[i] == v)
				t = i;
		memcpy(pc.election, el.fingerprint, 32);
		snprintf(context, sizeof(context), "scrutin=%u;%s", s->scrutin, slot);
		pc.context = context;
		CU_ASSERT_EQUAL_FATAL(proof_prove(&pc, A, B, r, set, k, t, &p, &e), 0);
		pj = json_array();
		for (size_t i = 0; i < k; i++) {
			group_scalar_encode_sc(&p.c[i], c);
			group_scalar_encode_sc(&p.s[i], sc);
			group_hex(p.ca[i], GROUP_POINT_FULL_LEN, ca);
			group_hex(p.cb[i], GROUP_POINT_FULL_LEN, cb);
			json_array_append_new(pj, json_pack("[s, s, s, s]", c, sc, ca, cb));
		}
		}
	group_point_encode_full(A, a, ctx);
	group_point_encode_full(B, b, ctx);
	if (!with_ct)
		out = pj;
	else if (pj == NULL)
		out = json_pack("{s:s, s:s}", "a", a, "b", b);
	else
		out = json_pack("{s:s, s:s, s:o}", "a", a, "b", b, "proof", pj);
	EC_POINT_free(A);
	EC_POINT_free(B);
	BN_free(m);
	return out;
}

/* rs = ±ra ± rb mod n */
static void
bn_comb(BIGNUM *rs, const BIGNUM *ra, int sa, const BIGNUM *rb, int sb, BN_CTX *ctx)
{
	BIGNUM *t = BN_new();

	BN_copy(t, rb);
	if (sb < 0)
		BN_mod_sub(t, group_order(), t, group_order(), ctx);
	if (sa < 0)
		BN_mod_sub(rs, t, ra, group_order(), ctx);
	else
		BN_mod_add(rs, ra, t, group_order(), ctx);
	BN_free(t);
}

/* A ballot of the current version, of shape s with the values of f. */
static json_t *
forge_ballot(const struct ballot_shape *s, const struct forge *f)
{
	static const unsigned s01[] = { 0, 1 }, s1[] = { 1 };
	unsigned rset[BALLOT_MAX_CANDIDATES];
	BN_CTX *ctx = BN_CTX_new();
	size_t ns = ballot_slots(s);
	BIGNUM *rx[BALLOT_MAX_LISTS + 2], *rk = BN_new(), *rsum = BN_new(), *rd = BN_new();
	json_t *choices = json_array(), *lists = json_array(), *sum;
	char slot[48], fp[65];
	long xs = 0;
	struct err e;

	BN_zero(rsum);
	for (size_t i = 0; i < ns; i++) {
		rx[i] = BN_new();
		group_random_scalar(rx[i], ctx, &e);
		snprintf(slot, sizeof(slot), "choice=%zu", i);
		json_array_append_new(choices, forge_ct(s, slot, f->x[i], rx[i], s01, 2, 1, ctx));
		bn_comb(rsum, rsum, 1, rx[i], 1, ctx);
		xs += f->x[i];
	}
	sum = forge_ct(s, "sum", xs, rsum, s1, 1, 0, ctx);
	for (size_t l = 0; l < s->lists; l++) {
		json_t *cands = json_array(), *orders = json_array(), *range;
		long ks = 0;
		BN_zero(rsum);
		for (size_t j = 0; j < s->candidates[l]; j++) {
			group_random_scalar(rk, ctx, &e);
			json_array_append_new(cands, forge_ct(s, NULL, f->k[l][j], rk, NULL, 0, 1, ctx));
			bn_comb(rd, rx[l], 1, rk, -1, ctx);
			snprintf(slot, sizeof(slot), "order=%zu.%zu", l, j);
			json_array_append_new(orders,
			    forge_ct(s, slot, f->x[l] - f->k[l][j], rd, s01, 2, 0, ctx));
			bn_comb(rsum, rsum, 1, rk, 1, ctx);
			ks += f->k[l][j];
		}
		for (size_t j = 0; j < s->candidates[l]; j++)
			rset[j] = (unsigned)j;
		bn_comb(rd, rsum, 1, rx[l], -1, ctx);
		snprintf(slot, sizeof(slot), "range=%zu", l);
		range = forge_ct(s, slot, ks - f->x[l], rd, rset, s->candidates[l], 0, ctx);
		json_array_append_new(lists, json_pack("{s:o, s:o, s:o}", "candidates", cands,
		    "order", orders, "range", range));
	}
	group_hex(el.fingerprint, 32, fp);
	for (size_t i = 0; i < ns; i++)
		BN_free(rx[i]);
	BN_free(rk);
	BN_free(rsum);
	BN_free(rd);
	BN_CTX_free(ctx);
	return json_pack("{s:i, s:s, s:I, s:o, s:o, s:o}", "version", BALLOT_VERSION,
	    "election", fp, "scrutin", (json_int_t)s->scrutin, "choices", choices, "sum", sum,
	    "lists", lists);
}

/* The forger is right: honest values verify, blank included. */
static void
test_forger_honest_values_verify(void)
{
	struct forge f = { { 0, 1, 0, 0, 0 }, { { 0 }, { 1, 0, 1 } } };
	struct forge blank = { { 0, 0, 0, 0, 1 }, { { 0 } } };
	struct err e;
	json_t *b = forge_ballot(&s43, &f);

	CU_ASSERT_EQUAL(verify(&s43, b, &e), 0);
	json_decref(b);
	b = forge_ballot(&s43, &blank);
	CU_ASSERT_EQUAL(verify(&s43, b, &e), 0);
	json_decref(b);
}

/* The cheat the candidate proofs of version 3 also stopped: a name of a
 * list not chosen given −1 (every order proof is then true: 0 − (−1) =
 * 1), to take a vote from a candidate. The range of that list is −1. */
static void
test_minus_one_on_an_unchosen_list_refused(void)
{
	struct forge f = { { 0, 1, 0, 0, 0 }, { { -1, 0, 0 }, { 1, 1, 1 } } };
	struct err e;
	json_t *b = forge_ballot(&s43, &f);

	CU_ASSERT_EQUAL(verify(&s43, b, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "range=0"));
	CU_ASSERT_PTR_NULL(strstr(e.msg, "order="));
	json_decref(b);
	/* −1 and +1 on that list: the range is then true, the order of +1 not */
	f.k[0][2] = 1;
	b = forge_ballot(&s43, &f);
	CU_ASSERT_EQUAL(verify(&s43, b, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "order=0.2"));
	json_decref(b);
	/* every name of that list at −1: range −3 */
	struct forge g = { { 0, 1, 0, 0, 0 }, { { -1, -1, -1 }, { 1, 1, 1 } } };
	b = forge_ballot(&s43, &g);
	CU_ASSERT_EQUAL(verify(&s43, b, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "range=0"));
	json_decref(b);
}

/* On the chosen list, 2 for a name (1 − 2 = −1) or −1 (1 − (−1) = 2):
 * the order proof; a name kept on a list not chosen: the order proof. */
static void
test_marks_outside_zero_one_refused(void)
{
	struct forge f = { { 0, 1, 0, 0, 0 }, { { 0 }, { 2, 0, 0 } } };
	struct err e;
	json_t *b = forge_ballot(&s43, &f);

	CU_ASSERT_EQUAL(verify(&s43, b, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "order=1.0"));
	json_decref(b);
	f.k[1][0] = -1;
	f.k[1][1] = 1;
	f.k[1][2] = 1;
	b = forge_ballot(&s43, &f);
	CU_ASSERT_EQUAL(verify(&s43, b, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "order=1.0"));
	json_decref(b);
	struct forge g = { { 0, 1, 0, 0, 0 }, { { 0 }, { 1, 1, 1 }, { 0, 1, 0 } } };
	b = forge_ballot(&s43, &g);
	CU_ASSERT_EQUAL(verify(&s43, b, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "order=2.1"));
	json_decref(b);
	/* every name of the chosen list struck: the range (0 − 1) */
	struct forge h = { { 0, 1, 0, 0, 0 }, { { 0 }, { 0, 0, 0 } } };
	b = forge_ballot(&s43, &h);
	CU_ASSERT_EQUAL(verify(&s43, b, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "range=1"));
	json_decref(b);
}

static CU_TestInfo tests[] = {
	{ "every choice verifies", test_every_choice_verifies },
	{ "all struck is refused at encryption", test_all_struck_is_refused_at_encryption },
	{ "wrong challenge refused", test_wrong_challenge_refused },
	{ "changed response refused", test_changed_response_refused },
	{ "changed commitment refused", test_changed_commitment_refused },
	{ "uncompressed commitment strict", test_uncompressed_commitment_strict },
	{ "uncompressed commitment encodings refused", test_uncompressed_commitment_encodings_refused },
	{ "swapped ciphertexts refused", test_swapped_ciphertexts_refused },
	{ "two lists chosen refused", test_two_lists_chosen_refused },
	{ "value 2 in a 0/1 mark refused", test_value_two_in_a_mark_refused },
	{ "batch: errors of two proofs do not cancel out", test_batch_errors_do_not_cancel },
	{ "bad points refused", test_bad_points_refused },
	{ "bad points refused (version 4, compressed)", test_bad_points_refused_v4 },
	{ "uncompressed ciphertext strict", test_uncompressed_ciphertext_strict },
	{ "versions not mixed", test_versions_not_mixed },
	{ "non-hex digits refused", test_non_hex_digits_refused },
	{ "scalar not below n refused", test_scalar_not_below_n_refused },
	{ "truncated and oversized structures refused", test_truncated_and_oversized_structures_refused },
	{ "replay into other scrutin or election refused", test_replay_into_other_scrutin_or_election_refused },
	{ "tracker is canonical", test_tracker_is_canonical },
	{ "tree path like json path", test_tree_path_like_json_path },
	{ "stored points sum like the bodies", test_stored_points_sum_like_the_bodies },
	{ "cheating prover: honest values verify", test_forger_honest_values_verify },
	{ "cheating prover: -1 on a list not chosen refused (range)",
	    test_minus_one_on_an_unchosen_list_refused },
	{ "cheating prover: marks outside 0/1 refused (order, range)",
	    test_marks_outside_zero_one_refused },
	CU_TEST_INFO_NULL,
};

int
main(void)
{
	setup();
	int rc = cu_run("ballot", tests);
	BN_free(sk);
	EC_POINT_free(pk);
	return rc;
}
