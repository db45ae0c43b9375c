/* gen-vectors.c: writes the shared test vectors of docs/protocol.md with
 * the deterministic generator (tests/vectors/drbg.h):
 *   gen-vectors ballot SEED_HEX SCRUTIN CANDIDATES NUL CHOICE KEPT
 * e.g. gen-vectors ballot 01..01 7 3,3,3,3 0 1 101 > ballot-4x3.json
 * CHOICE: list number from 0, or -1 blank, -2 nul; KEPT: 1/0 per candidate.
 *   gen-vectors trustee SEED_HEX K N SCRUTIN COUNTS PASSPHRASE
 * e.g. gen-vectors trustee 03..03 2 3 7 3,0,5,1 "..." > trustee-2of3.json:
 * a k-of-n ceremony (§8: deals, shares, keys), one key file (§8, its salt
 * and nonce are random: the vector pins that it opens), totals encrypting
 * COUNTS and every holder's partial decryption of them (§9). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ballot.h"
#include "drbg.h"
#include "count.h"
#include "group.h"
#include "keyfile.h"
#include "threshold.h"

static int
parse_shape(unsigned scrutin, char *cands, int nul, struct ballot_shape *s)
{
	memset(s, 0, sizeof(*s));
	s->scrutin = scrutin;
	s->nul = nul;
	for (char *t = strtok(cands, ","); t != NULL; t = strtok(NULL, ","))
		s->candidates[s->lists++] = (size_t)atoi(t);
	return s->lists > 0 ? 0 : -1;
}

static json_t *
point_json(const EC_POINT *p, BN_CTX *ctx)
{
	char h[GROUP_POINT_HEX + 1];

	group_point_encode(p, h, ctx);
	return json_string(h);
}

static json_t *
scalar_json(const BIGNUM *s)
{
	char h[GROUP_SCALAR_HEX + 1];

	group_scalar_encode(s, h);
	return json_string(h);
}

/* Draws, in this order: F (32 bytes); for each dealer x = 1..n its k
 * coefficients then its proof's w; one r per count; then for each holder
 * y = 1..n, one w per total. The JavaScript replays the same draws. */
static int
gen_trustee(int argc, char **argv)
{
	unsigned char seed[32], fp[32];
	char fph[65], ctxs[64];
	unsigned k = (unsigned)atoi(argv[3]), n = (unsigned)atoi(argv[4]),
	         scrutin = (unsigned)atoi(argv[5]);
	unsigned long counts[64], nc = 0, maxc = 0;
	BN_CTX *ctx = BN_CTX_new();
	BIGNUM *c = BN_new(), *z = BN_new(), *f = BN_new(), *s[THR_MAX + 1],
	       *r = BN_new();
	EC_POINT *com[THR_MAX + 1][THR_MAX], *y = EC_POINT_new(group_curve());
	EC_POINT *a[64], *b[64], *t = EC_POINT_new(group_curve()),
	                         *d = EC_POINT_new(group_curve());
	json_t *deals = json_array(), *shares = json_array(),
	       *secrets = json_array(), *vks = json_array();
	json_t *totals = json_array(), *partials = json_array(),
	       *cj = json_array(), *kf, *out;
	struct thr_poly p;
	struct err e;
	char *tok, cbuf[512];

	if (argc != 8 || group_unhex(argv[2], seed, 32) == -1 || k < 1 ||
	    k > n || n > THR_MAX)
		return 2;
	snprintf(cbuf, sizeof(cbuf), "%s", argv[6]);
	for (tok = strtok(cbuf, ","); tok != NULL && nc < 64;
	     tok = strtok(NULL, ",")) {
		counts[nc] = strtoul(tok, NULL, 10);
		maxc = counts[nc] > maxc ? counts[nc] : maxc;
		json_array_append_new(
		    cj, json_integer((json_int_t)counts[nc++]));
	}
	drbg_init(seed);
	group_set_test_rng(drbg_bytes);
	drbg_bytes(fp, 32);
	group_hex(fp, 32, fph);
	for (unsigned x = 0; x <= n; x++) {
		s[x] = BN_new();
		BN_zero(s[x]);
		for (unsigned l = 0; l < THR_MAX; l++)
			com[x][l] = EC_POINT_new(group_curve());
	}
	EC_POINT_set_to_infinity(group_curve(), y);
	for (unsigned x = 1; x <= n; x++) {
		json_t *cs = json_array(), *sh = json_array();
		if (thr_poly_new(&p, k, &e) == -1)
			return 1;
		thr_commit(&p, com[x]);
		for (unsigned l = 0; l < k; l++)
			json_array_append_new(cs, point_json(com[x][l], ctx));
		thr_pok_prove(fp, x, p.a[0], com[x][0], c, z);
		json_array_append_new(deals,
		    json_pack("{s:i, s:s, s:i, s:i, s:i, s:o, s:[o,o]}",
		        "version", 1, "election", fph, "holder", (int)x,
		        "threshold", (int)k, "holders", (int)n, "commitments",
		        cs, "pok", scalar_json(c), scalar_json(z)));
		for (unsigned v = 1; v <= n; v++) {
			thr_eval(&p, v, f);
			BN_mod_add(s[v], s[v], f, group_order(), ctx);
			json_array_append_new(sh, scalar_json(f));
		}
		json_array_append_new(shares, sh);
		EC_POINT_add(group_curve(), y, y, com[x][0], ctx);
		thr_poly_free(&p);
	}
	for (unsigned v = 1; v <= n; v++) {
		json_array_append_new(secrets, scalar_json(s[v]));
		group_mul2(t, s[v], NULL, NULL, ctx);
		json_array_append_new(vks, point_json(t, ctx));
	}
	/* totals: (r·G, m·G + r·Y) */
	for (unsigned long i = 0; i < nc; i++) {
		a[i] = EC_POINT_new(group_curve());
		b[i] = EC_POINT_new(group_curve());
		group_random_scalar(r, ctx, &e);
		group_mul2(a[i], r, NULL, NULL, ctx);
		group_mul_small(t, counts[i], ctx);
		EC_POINT_mul(group_curve(), b[i], NULL, y, r, ctx);
		if (counts[i] > 0)
			EC_POINT_add(group_curve(), b[i], b[i], t, ctx);
		json_array_append_new(
		    totals, json_pack("{s:o, s:o}", "a", point_json(a[i], ctx),
		                "b", point_json(b[i], ctx)));
	}
	for (unsigned v = 1; v <= n; v++) {
		json_t *ps = json_array();
		group_mul2(t, s[v], NULL, NULL, ctx);
		for (unsigned long i = 0; i < nc; i++) {
			count_context(scrutin, 0, i, ctxs, sizeof(ctxs));
			thr_partial(fp, ctxs, s[v], t, a[i], d, c, r);
			json_array_append_new(ps,
			    json_pack("{s:o, s:[o,o]}", "d", point_json(d, ctx),
			        "proof", scalar_json(c), scalar_json(r)));
		}
		json_array_append_new(
		    partials, json_pack("{s:i, s:s, s:i, s:i, s:o}", "version",
		                  1, "election", fph, "scrutin", (int)scrutin,
		                  "holder", (int)v, "partials", ps));
	}
	group_set_test_rng(NULL);
	if ((kf = keyfile_seal(fph, 1, k, n, s[1], argv[7], &e)) == NULL) {
		fprintf(stderr, "gen-vectors: %s\n", e.msg);
		return 1;
	}
	out = json_pack("{s:s, s:s, s:s, s:i, s:i, s:i, s:o, s:o, s:o, s:{s:o, "
	                "s:o}, s:{s:s, s:o},"
	                " s:{s:i, s:s, s:i, s:i, s:o}, s:o, s:o}",
	    "description",
	    "A k-of-n key ceremony with the deterministic generator "
	    "(docs/protocol.md §8-9): C and JavaScript must deal exactly these "
	    "deals and shares, open the key file of holder 1 with the "
	    "passphrase, and make exactly these partial decryptions; the "
	    "counts are what any k of them decrypt.",
	    "seed", argv[2], "election", fph, "threshold", (int)k, "holders",
	    (int)n, "scrutin", (int)scrutin, "deals", deals, "shares", shares,
	    "secret_shares", secrets, "public", "public_key",
	    point_json(y, ctx), "verification_keys", vks, "keyfile",
	    "passphrase", argv[7], "file", kf, "totals", "version", 1,
	    "election", fph, "scrutin", (int)scrutin, "ballots", (int)maxc,
	    "totals", totals, "counts", cj, "partials", partials);
	json_dumpf(out, stdout, JSON_INDENT(1) | JSON_SORT_KEYS);
	putchar('\n');
	json_decref(out);
	return 0;
}

int
main(int argc, char **argv)
{
	unsigned char seed[32], fp[32];
	char fph[65], yh[GROUP_POINT_HEX + 1], sh[GROUP_SCALAR_HEX + 1],
	    cand[256];
	struct ballot_choice c = {0, {0}};
	struct ballot_shape s;
	struct ballot_election el = { { 0 }, NULL, 0 };
	BN_CTX *ctx = BN_CTX_new();
	BIGNUM *sk = BN_new();
	EC_POINT *y = EC_POINT_new(group_curve());
	unsigned char tr[32];
	char trh[65], *canon;
	json_t *b, *shape_j, *out;
	struct err e;

	if (argc == 8 && strcmp(argv[1], "trustee") == 0)
		return gen_trustee(argc, argv);
	if (argc != 8 || strcmp(argv[1], "ballot") != 0 ||
	    group_unhex(argv[2], seed, 32) == -1) {
		fprintf(stderr, "usage: gen-vectors ballot SEED_HEX SCRUTIN "
		                "CANDS NUL CHOICE KEPT\n");
		return 2;
	}
	snprintf(cand, sizeof(cand), "%s", argv[4]);
	if (parse_shape((unsigned)atoi(argv[3]), cand, atoi(argv[5]), &s) == -1)
		return 2;
	c.list = atoi(argv[6]);
	for (size_t j = 0; argv[7][j] != '\0' && j < BALLOT_MAX_CANDIDATES; j++)
		c.kept[j] = argv[7][j] == '1';
	drbg_init(seed);
	group_set_test_rng(drbg_bytes);
	/* The election: secret key and fingerprint drawn from the generator
	 * first. */
	group_random_scalar(sk, ctx, &e);
	group_mul2(y, sk, NULL, NULL, ctx);
	drbg_bytes(fp, 32);
	memcpy(el.fingerprint, fp, 32);
	el.y = y;
	if ((b = ballot_encrypt(&s, &el, &c, &e)) == NULL) {
		fprintf(stderr, "gen-vectors: %s\n", e.msg);
		return 1;
	}
	canon = ballot_canonical(b);
	ballot_tracker(canon, tr);
	group_hex(tr, 32, trh);
	group_hex(fp, 32, fph);
	group_point_encode(y, yh, ctx);
	group_scalar_encode(sk, sh);
	shape_j = json_array();
	for (size_t l = 0; l < s.lists; l++)
		json_array_append_new(
		    shape_j, json_integer((json_int_t)s.candidates[l]));
	out = json_pack("{s:s, s:s, s:{s:i, s:o, s:b}, s:{s:s, s:s}, s:s, "
	                "s:{s:i, s:s}, s:s, s:o}",
	    "description",
	    "Ballot encrypted with the deterministic generator: C and "
	    "JavaScript must produce exactly this ballot (canonical form) and "
	    "tracker, and both must verify it.",
	    "seed", argv[2], "shape", "scrutin", (int)s.scrutin, "candidates",
	    shape_j, "nul", s.nul, "election", "fingerprint", fph, "y", yh,
	    "secret", sh, "choice", "list", c.list, "kept", argv[7], "tracker",
	    trh, "ballot", b);
	json_dumpf(out, stdout, JSON_INDENT(1) | JSON_SORT_KEYS);
	putchar('\n');
	json_decref(out);
	free(canon);
	BN_free(sk);
	EC_POINT_free(y);
	BN_CTX_free(ctx);
	return 0;
}
