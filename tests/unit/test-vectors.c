/* test-vectors.c: the C code against the committed shared vectors
 * (tests/vectors/ballot-*.json): same ballot from the same seed, same
 * tracker, and the ballot verifies. A change of encoding or transcript in
 * lib/ fails here (and the JavaScript fails in web/test/crypto.test.mjs). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "../vectors/drbg.h"
#include "ballot.h"
#include "count.h"
#include "cu.h"
#include "dlog.h"
#include "group.h"
#include "keyfile.h"
#include "threshold.h"

static void
check_vector(const char *name, int version)
{
	char path[1024], *c1, *c2, trh[65];
	const char *src = getenv("ISOLOIR_SRCDIR");
	struct ballot_shape s = {0};
	struct ballot_choice ch = {0, {0}};
	struct ballot_election el = {{0}, NULL, version};
	unsigned char seed[32], tr[32];
	BN_CTX *ctx = BN_CTX_new();
	BIGNUM *sk = BN_new();
	EC_POINT *y = EC_POINT_new(group_curve());
	json_error_t je;
	json_t *v, *b;
	struct err e;

	snprintf(
	    path, sizeof(path), "%s/tests/vectors/%s", src ? src : ".", name);
	v = json_load_file(path, 0, &je);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	json_t *sj = json_object_get(v, "shape");
	s.scrutin =
	    (unsigned)json_integer_value(json_object_get(sj, "scrutin"));
	s.nul = json_is_true(json_object_get(sj, "nul"));
	s.lists = json_array_size(json_object_get(sj, "candidates"));
	for (size_t l = 0; l < s.lists; l++)
		s.candidates[l] = (size_t)json_integer_value(
		    json_array_get(json_object_get(sj, "candidates"), l));
	ch.list = (int)json_integer_value(
	    json_object_get(json_object_get(v, "choice"), "list"));
	const char *kept = json_string_value(
	    json_object_get(json_object_get(v, "choice"), "kept"));
	for (size_t j = 0; kept[j]; j++)
		ch.kept[j] = kept[j] == '1';
	CU_ASSERT_EQUAL_FATAL(
	    group_unhex(
	        json_string_value(json_object_get(v, "seed")), seed, 32),
	    0);
	drbg_init(seed);
	group_set_test_rng(drbg_bytes);
	group_random_scalar(sk, ctx, &e);
	group_mul2(y, sk, NULL, NULL, ctx);
	drbg_bytes(el.fingerprint, 32);
	el.y = y;
	b = ballot_encrypt(&s, &el, &ch, &e);
	group_set_test_rng(NULL);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	c1 = ballot_canonical(b);
	c2 = ballot_canonical(json_object_get(v, "ballot"));
	CU_ASSERT_STRING_EQUAL(c1, c2);
	ballot_tracker(c2, tr);
	group_hex(tr, 32, trh);
	CU_ASSERT_STRING_EQUAL(
	    trh, json_string_value(json_object_get(v, "tracker")));
	CU_ASSERT_EQUAL(
	    ballot_verify(&s, &el, json_object_get(v, "ballot"), &e), 0);
	free(c1);
	free(c2);
	json_decref(b);
	json_decref(v);
	BN_free(sk);
	EC_POINT_free(y);
	BN_CTX_free(ctx);
}

static void
test_vector_4x3(void)
{
	check_vector("ballot-4x3.json", 0);
}

/* Version 3 (each candidate with its own proof): same seed, same bytes. */
static void
test_vector_4x3_v3(void)
{
	check_vector("v3-ballot-4x3.json", 3);
}
/* Version 4 (ciphertexts compressed): the same ballot as ballot-4x3.json,
 * same bytes as written before version 5. */
static void
test_vector_4x3_v4(void)
{
	check_vector("v4-ballot-4x3.json", 4);
}
static void
test_vector_8x7(void)
{
	check_vector("ballot-8x7.json", 0);
}
static void
test_vector_nul(void)
{
	check_vector("ballot-nul.json", 0);
}

/* ------------------------------------------------ trustee-2of3.json (§8–9) */

static json_t *
load_vector(const char *name)
{
	char path[1024];
	const char *src = getenv("ISOLOIR_SRCDIR");
	json_error_t je;

	snprintf(
	    path, sizeof(path), "%s/tests/vectors/%s", src ? src : ".", name);
	return json_load_file(path, 0, &je);
}

static const char *
jstr(const json_t *j, const char *k)
{
	return json_string_value(json_object_get(j, k));
}

static char *
hex_of(const BIGNUM *s, char buf[65])
{
	group_scalar_encode(s, buf);
	return buf;
}

static char *
hex_pt(const EC_POINT *p, char buf[GROUP_POINT_HEX + 1], BN_CTX *ctx)
{
	group_point_encode(p, buf, ctx);
	return buf;
}

/* The deals, shares and partials from the same draws as the vector
 * (tests/vectors/gen-vectors.c and web/test/trustee.test.mjs). */
static void
test_trustee_same_draws(void)
{
	json_t *v = load_vector("trustee-2of3.json");
	unsigned char seed[32], fp[32];
	char h[GROUP_POINT_HEX + 1], cs[64];
	BN_CTX *ctx = BN_CTX_new();
	BIGNUM *c = BN_new(), *z = BN_new(), *f = BN_new(), *s = BN_new(),
	       *r = BN_new();
	EC_POINT *com[THR_MAX], *a = EC_POINT_new(group_curve()),
	                        *d = EC_POINT_new(group_curve());
	EC_POINT *yx = EC_POINT_new(group_curve());
	unsigned k, n, scrutin;
	struct thr_poly p;
	struct err e;

	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	k = (unsigned)json_integer_value(json_object_get(v, "threshold"));
	n = (unsigned)json_integer_value(json_object_get(v, "holders"));
	scrutin = (unsigned)json_integer_value(json_object_get(v, "scrutin"));
	for (unsigned l = 0; l < THR_MAX; l++)
		com[l] = EC_POINT_new(group_curve());
	group_unhex(jstr(v, "seed"), seed, 32);
	drbg_init(seed);
	group_set_test_rng(drbg_bytes);
	drbg_bytes(fp, 32);
	group_hex(fp, 32, h);
	CU_ASSERT_STRING_EQUAL(h, jstr(v, "election"));
	for (unsigned x = 1; x <= n; x++) {
		const json_t *dl =
		    json_array_get(json_object_get(v, "deals"), x - 1);
		CU_ASSERT_EQUAL_FATAL(thr_poly_new(&p, k, &e), 0);
		thr_commit(&p, com);
		for (unsigned l = 0; l < k; l++)
			CU_ASSERT_STRING_EQUAL(hex_pt(com[l], h, ctx),
			    json_string_value(json_array_get(
			        json_object_get(dl, "commitments"), l)));
		thr_pok_prove(fp, x, p.a[0], com[0], c, z);
		CU_ASSERT_STRING_EQUAL(hex_of(c, h),
		    json_string_value(
		        json_array_get(json_object_get(dl, "pok"), 0)));
		CU_ASSERT_STRING_EQUAL(hex_of(z, h),
		    json_string_value(
		        json_array_get(json_object_get(dl, "pok"), 1)));
		CU_ASSERT_TRUE(thr_pok_verify(fp, x, com[0], c, z));
		CU_ASSERT_FALSE(thr_pok_verify(
		    fp, x + 1, com[0], c, z)); /* another dealer's number */
		for (unsigned y = 1; y <= n; y++) {
			thr_eval(&p, y, f);
			CU_ASSERT_STRING_EQUAL(hex_of(f, h),
			    json_string_value(json_array_get(
			        json_array_get(
			            json_object_get(v, "shares"), x - 1),
			        y - 1)));
			CU_ASSERT_TRUE(thr_share_ok(com, k, y, f));
			CU_ASSERT_FALSE(thr_share_ok(
			    com, k, y % n + 1, f)); /* someone else's share */
		}
		thr_poly_free(&p);
	}
	for (size_t i = 0; i < json_array_size(json_object_get(v, "counts"));
	     i++)
		group_random_scalar(r, ctx, &e);
	for (unsigned y = 1; y <= n; y++) {
		const json_t *pp = json_object_get(
		    json_array_get(json_object_get(v, "partials"), y - 1),
		    "partials");
		group_scalar_decode(
		    json_string_value(json_array_get(
		        json_object_get(v, "secret_shares"), y - 1)),
		    s, &e);
		group_mul2(yx, s, NULL, NULL, ctx);
		for (size_t i = 0; i < json_array_size(pp); i++) {
			const json_t *pi = json_array_get(pp, i);
			group_point_decode(
			    jstr(
			        json_array_get(
			            json_object_get(
			                json_object_get(v, "totals"), "totals"),
			            i),
			        "a"),
			    a, ctx, &e);
			count_context(scrutin, 0, i, cs, sizeof(cs));
			CU_ASSERT_EQUAL(
			    thr_partial(fp, cs, s, yx, a, d, c, r), 0);
			CU_ASSERT_STRING_EQUAL(
			    hex_pt(d, h, ctx), jstr(pi, "d"));
			CU_ASSERT_STRING_EQUAL(hex_of(c, h),
			    json_string_value(json_array_get(
			        json_object_get(pi, "proof"), 0)));
			CU_ASSERT_STRING_EQUAL(hex_of(r, h),
			    json_string_value(json_array_get(
			        json_object_get(pi, "proof"), 1)));
		}
	}
	group_set_test_rng(NULL);
	for (unsigned l = 0; l < THR_MAX; l++)
		EC_POINT_free(com[l]);
	EC_POINT_free(a);
	EC_POINT_free(d);
	EC_POINT_free(yx);
	BN_free(c);
	BN_free(z);
	BN_free(f);
	BN_free(s);
	BN_free(r);
	BN_CTX_free(ctx);
	json_decref(v);
}

/* The vector's partials (also made by JavaScript, byte for byte) combine,
 * any 2 of 3, into the counts; forged ones are set aside. */
static void
test_trustee_partials_combine(void)
{
	json_t *v = load_vector("trustee-2of3.json"), *parts[3], *res;
	json_t *pub = json_object_get(v, "public"),
	       *tot = json_object_get(v, "totals");
	const unsigned pairs[3][2] = {{1, 2}, {1, 3}, {2, 3}};
	char *got, *want;
	struct err e;

	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	json_object_set(pub, "election", json_object_get(v, "election"));
	json_object_set_new(pub, "threshold", json_integer(2));
	want = json_dumps(json_object_get(v, "counts"), JSON_COMPACT);
	for (size_t q = 0; q < 3; q++) {
		json_t *two[2] = {json_array_get(json_object_get(v, "partials"),
		                      pairs[q][0] - 1),
		    json_array_get(
		        json_object_get(v, "partials"), pairs[q][1] - 1)};
		res = count_combine(pub, tot, two, 2, &e);
		CU_ASSERT_PTR_NOT_NULL_FATAL(res);
		got = json_dumps(json_object_get(res, "counts"), JSON_COMPACT);
		CU_ASSERT_STRING_EQUAL(got, want);
		free(got);
		json_decref(res);
	}
	/* holder 1's partial with one d replaced: set aside, one valid left */
	parts[0] =
	    json_deep_copy(json_array_get(json_object_get(v, "partials"), 0));
	json_object_set(
	    json_array_get(json_object_get(parts[0], "partials"), 2), "d",
	    json_object_get(
	        json_array_get(
	            json_object_get(
	                json_array_get(json_object_get(v, "partials"), 1),
	                "partials"),
	            2),
	        "d"));
	parts[1] = json_array_get(json_object_get(v, "partials"), 2);
	/* holder 3's partial relabelled as holder 2's: its proof is against Y_2
	 */
	parts[2] = json_deep_copy(parts[1]);
	json_object_set_new(parts[2], "holder", json_integer(2));
	res = count_combine(pub, tot, parts, 3, &e);
	CU_ASSERT_PTR_NULL(res);
	json_decref(res);
	json_decref(parts[0]);
	json_decref(parts[2]);
	free(want);
	json_decref(v);
}

/* The C key file of the vector (the JavaScript seals the same bytes from
 * its salt and nonce): opens with its passphrase only, and not once
 * altered or truncated. */
static void
test_trustee_keyfile(void)
{
	json_t *v = load_vector("trustee-2of3.json"), *kf, *bad;
	const char *pass;
	BIGNUM *s = BN_new();
	char h[65], *text;
	json_error_t je;
	struct err e;

	CU_ASSERT_PTR_NOT_NULL_FATAL(v);
	kf = json_object_get(json_object_get(v, "keyfile"), "file");
	pass = jstr(json_object_get(v, "keyfile"), "passphrase");
	CU_ASSERT_EQUAL(keyfile_open(kf, pass, s, &e), 0);
	CU_ASSERT_STRING_EQUAL(hex_of(s, h),
	    json_string_value(
	        json_array_get(json_object_get(v, "secret_shares"), 0)));
	CU_ASSERT_EQUAL(keyfile_open(kf, "phrase secrète fausse", s, &e), -1);
	CU_ASSERT_STRING_EQUAL(
	    e.msg, "phrase secrète incorrecte ou fichier de clé altéré");
	bad = json_deep_copy(kf);
	json_object_set_new(
	    bad, "holder", json_integer(2)); /* bound by the associated data */
	CU_ASSERT_EQUAL(keyfile_open(bad, pass, s, &e), -1);
	json_object_set_new(bad, "holder", json_integer(1));
	json_object_set_new(
	    json_object_get(bad, "kdf"), "N", json_integer(1024));
	CU_ASSERT_EQUAL(keyfile_open(bad, pass, s, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "fichier de clé mal formé");
	json_decref(bad);
	text = json_dumps(kf, JSON_SORT_KEYS | JSON_INDENT(1));
	CU_ASSERT_PTR_NULL(json_loadb(text, strlen(text) / 2, 0, &je));
	free(text);
	BN_free(s);
	json_decref(v);
}

/* Earlier versions (2: commitments compressed; 3: a proof per candidate;
 * 4: ciphertexts compressed) still verify where the election says that
 * version (boards of earlier elections), and only there; the v2 and v3
 * vectors are one ballot (same challenges), the v4 and current vectors
 * another (fewer draws). */
static void
test_vector_versions(void)
{
	json_t *v2 = load_vector("v2-ballot-4x3.json"),
	       *v3 = load_vector("v3-ballot-4x3.json"),
	       *v4 = load_vector("v4-ballot-4x3.json"),
	       *v5 = load_vector("ballot-4x3.json");
	struct ballot_shape s = {7, 4, {3, 3, 3, 3}, 0};
	struct ballot_election el = {{0}, NULL, 2};
	EC_POINT *y = EC_POINT_new(group_curve());
	BN_CTX *ctx = BN_CTX_new();
	json_t *b2, *b3, *b4, *b5, *br, *cand;
	struct err e;

	CU_ASSERT_PTR_NOT_NULL_FATAL(v2);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v3);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v4);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v5);
	CU_ASSERT_EQUAL_FATAL(
	    group_unhex(jstr(json_object_get(v2, "election"), "fingerprint"),
	        el.fingerprint, 32),
	    0);
	CU_ASSERT_EQUAL_FATAL(
	    group_point_decode(
	        jstr(json_object_get(v2, "election"), "y"), y, ctx, &e),
	    0);
	/* the four vectors are of one election */
	CU_ASSERT_STRING_EQUAL(jstr(json_object_get(v4, "election"), "y"),
	    jstr(json_object_get(v2, "election"), "y"));
	CU_ASSERT_STRING_EQUAL(jstr(json_object_get(v5, "election"), "y"),
	    jstr(json_object_get(v2, "election"), "y"));
	el.y = y;
	b2 = json_object_get(v2, "ballot");
	b3 = json_object_get(v3, "ballot");
	b4 = json_object_get(v4, "ballot");
	b5 = json_object_get(v5, "ballot");
	CU_ASSERT_EQUAL(ballot_verify(&s, &el, b2, &e), 0);
	CU_ASSERT_EQUAL(ballot_verify(&s, &el, b3, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "version de bulletin inconnue");
	el.version = 3;
	CU_ASSERT_EQUAL(ballot_verify(&s, &el, b3, &e), 0);
	CU_ASSERT_EQUAL(ballot_verify(&s, &el, b2, &e), -1);
	CU_ASSERT_EQUAL(ballot_verify(&s, &el, b4, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "version de bulletin inconnue");
	el.version = 4;
	CU_ASSERT_EQUAL(ballot_verify(&s, &el, b4, &e), 0);
	CU_ASSERT_EQUAL(ballot_verify(&s, &el, b3, &e), -1);
	CU_ASSERT_EQUAL(ballot_verify(&s, &el, b5, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "version de bulletin inconnue");
	el.version = 0; /* a cast: the current version only */
	CU_ASSERT_EQUAL(ballot_verify(&s, &el, b5, &e), 0);
	CU_ASSERT_EQUAL(ballot_verify(&s, &el, b4, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "version de bulletin inconnue");
	CU_ASSERT_EQUAL(ballot_verify(&s, &el, b3, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "version de bulletin inconnue");
	CU_ASSERT_EQUAL(ballot_verify(&s, &el, b2, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "version de bulletin inconnue");
	el.version = 1; /* accepted nowhere */
	CU_ASSERT_EQUAL(ballot_verify(&s, &el, b2, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "version de bulletin inconnue");
	/* a version 3 ballot keeps each candidate's proof, a version 4 one
	 * has none: either shape in the other version is refused */
	el.version = 3;
	b3 = json_deep_copy(b3);
	cand = json_array_get(
	    json_object_get(json_array_get(json_object_get(b3, "lists"), 2),
	        "candidates"),
	    1);
	json_object_del(cand, "proof");
	CU_ASSERT_EQUAL(ballot_verify(&s, &el, b3, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "chiffré mal formé");
	json_decref(b3);
	el.version = 4;
	b4 = json_deep_copy(b4);
	cand = json_array_get(
	    json_object_get(json_array_get(json_object_get(b4, "lists"), 2),
	        "candidates"),
	    1);
	json_object_set(cand, "proof",
	    json_object_get(json_array_get(json_object_get(b4, "choices"), 0),
	        "proof"));
	CU_ASSERT_EQUAL(ballot_verify(&s, &el, b4, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "candidate=2.1 : chiffré mal formé");
	json_decref(b4);
	/* a version 2 ballot keeps compressed commitments */
	el.version = 2;
	b2 = json_deep_copy(b2);
	br = json_array_get(
	    json_object_get(
	        json_array_get(json_object_get(b2, "choices"), 0), "proof"),
	    0);
	/* its own commitment a_0, uncompressed (the v3 twin's) */
	json_array_set(br, 2,
	    json_array_get(
	        json_array_get(
	            json_object_get(
	                json_array_get(
	                    json_object_get(json_object_get(v3, "ballot"),
	                        "choices"),
	                    0),
	                "proof"),
	            0),
	        2));
	CU_ASSERT_EQUAL(ballot_verify(&s, &el, b2, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "engagement mal encodé"));
	json_decref(b2);
	json_decref(v2);
	json_decref(v3);
	json_decref(v4);
	json_decref(v5);
	EC_POINT_free(y);
	BN_CTX_free(ctx);
}

/* The compressed form of an uncompressed point's hex, from its digits:
 * 02 or 03 by the parity of y, then x (docs/protocol.md §2). */
static void
hex_compress(const char *full, char out[GROUP_POINT_HEX + 1])
{
	CU_ASSERT_EQUAL_FATAL(strlen(full), GROUP_POINT_FULL_HEX);
	CU_ASSERT_EQUAL(strncmp(full, "04", 2), 0);
	snprintf(out, GROUP_POINT_HEX + 1, "0%c%.64s",
	    strchr("13579bdf", full[GROUP_POINT_FULL_HEX - 1]) ? '3' : '2',
	    full + 2);
}

/* Two ciphertext arrays: the v5 one's points compress to the v4 one's. */
static void
cts_compress_to(const json_t *c5, const json_t *c4, size_t *n)
{
	char h[GROUP_POINT_HEX + 1];
	const char *f[] = {"a", "b"};

	CU_ASSERT_EQUAL_FATAL(json_array_size(c5), json_array_size(c4));
	for (size_t i = 0; i < json_array_size(c5); i++)
		for (size_t k = 0; k < 2; k++) {
			hex_compress(jstr(json_array_get(c5, i), f[k]), h);
			CU_ASSERT_STRING_EQUAL(h, jstr(json_array_get(c4, i), f[k]));
			(*n)++;
		}
}

/* Version 5 only changed the ciphertexts' encoding: from the same draws,
 * every point is the version 4 one uncompressed and every proof the same
 * (the transcripts hash the compressed form), only the tracker differs. */
static void
test_vector_v5_is_v4_uncompressed(void)
{
	json_t *v4 = load_vector("v4-ballot-4x3.json"),
	       *v5 = load_vector("ballot-4x3.json");
	json_t *b4, *b5, *l4, *l5, *p4, *p5;
	size_t n = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(v4);
	CU_ASSERT_PTR_NOT_NULL_FATAL(v5);
	b4 = json_object_get(v4, "ballot");
	b5 = json_object_get(v5, "ballot");
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(b4, "version")), 4);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(b5, "version")), 5);
	cts_compress_to(json_object_get(b5, "choices"),
	    json_object_get(b4, "choices"), &n);
	for (size_t i = 0; i < json_array_size(json_object_get(b5, "choices"));
	     i++) {
		p4 = json_object_get(
		    json_array_get(json_object_get(b4, "choices"), i), "proof");
		p5 = json_object_get(
		    json_array_get(json_object_get(b5, "choices"), i), "proof");
		CU_ASSERT_TRUE(json_equal(p4, p5));
	}
	CU_ASSERT_TRUE(json_equal(
	    json_object_get(b4, "sum"), json_object_get(b5, "sum")));
	CU_ASSERT_EQUAL_FATAL(json_array_size(json_object_get(b5, "lists")), 4);
	for (size_t l = 0; l < 4; l++) {
		l4 = json_array_get(json_object_get(b4, "lists"), l);
		l5 = json_array_get(json_object_get(b5, "lists"), l);
		cts_compress_to(json_object_get(l5, "candidates"),
		    json_object_get(l4, "candidates"), &n);
		CU_ASSERT_TRUE(json_equal(
		    json_object_get(l4, "order"), json_object_get(l5, "order")));
		CU_ASSERT_TRUE(json_equal(
		    json_object_get(l4, "range"), json_object_get(l5, "range")));
	}
	CU_ASSERT_EQUAL(n, 2 * (5 + 12));
	CU_ASSERT_STRING_NOT_EQUAL(
	    json_string_value(json_object_get(v4, "tracker")),
	    json_string_value(json_object_get(v5, "tracker")));
	json_decref(v4);
	json_decref(v5);
}

/* R-ORG-5: the warning `tally --sub-urn` and the count screen give. */
static void
test_sub_urn_small(void)
{
	CU_ASSERT_FALSE(count_sub_urn_small(0));
	CU_ASSERT_TRUE(count_sub_urn_small(1));
	CU_ASSERT_TRUE(count_sub_urn_small(9));
	CU_ASSERT_FALSE(count_sub_urn_small(10));
}

static CU_TestInfo tests[] = {
    {"vector 4x3 (list with a strike)", test_vector_4x3},
    {"vector 4x3 of version 3", test_vector_4x3_v3},
    {"vector 4x3 of version 4", test_vector_4x3_v4},
    {"vector 8x7", test_vector_8x7},
    {"vector with a nul slot, nul chosen", test_vector_nul},
    {"version 2, 3 and 4 vectors: boards of earlier elections only",
        test_vector_versions},
    {"version 5 vector: the version 4 one, ciphertexts uncompressed",
        test_vector_v5_is_v4_uncompressed},
    {"trustee vector: same deals, shares, partials", test_trustee_same_draws},
    {"trustee vector: any 2 of 3 partials combine",
        test_trustee_partials_combine},
    {"trustee vector: key file", test_trustee_keyfile},
    {"R-ORG-5: a sub-urn of 1 to 9 ballots is warned", test_sub_urn_small},
    CU_TEST_INFO_NULL,
};

int
main(void)
{
	return cu_run("vectors", tests);
}
