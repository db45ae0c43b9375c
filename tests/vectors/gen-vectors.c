/* gen-vectors.c: writes the shared test vectors of docs/protocol.md with
 * the deterministic generator (tests/vectors/drbg.h):
 *   gen-vectors ballot SEED_HEX SCRUTIN CANDIDATES NUL CHOICE KEPT
 * e.g. gen-vectors ballot 01..01 7 3,3,3,3 0 1 101 > ballot-4x3.json
 * CHOICE: list number from 0, or -1 blank, -2 nul; KEPT: 1/0 per candidate. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ballot.h"
#include "drbg.h"
#include "group.h"

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

int
main(int argc, char **argv)
{
	unsigned char seed[32], fp[32];
	char fph[65], yh[GROUP_POINT_HEX + 1], sh[GROUP_SCALAR_HEX + 1], cand[256];
	struct ballot_choice c = { 0, { 0 } };
	struct ballot_shape s;
	struct ballot_election el;
	BN_CTX *ctx = BN_CTX_new();
	BIGNUM *sk = BN_new();
	EC_POINT *y = EC_POINT_new(group_curve());
	unsigned char tr[32];
	char trh[65], *canon;
	json_t *b, *shape_j, *out;
	struct err e;

	if (argc != 8 || strcmp(argv[1], "ballot") != 0 || group_unhex(argv[2], seed, 32) == -1) {
		fprintf(stderr, "usage: gen-vectors ballot SEED_HEX SCRUTIN CANDS NUL CHOICE KEPT\n");
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
	/* The election: secret key and fingerprint drawn from the generator first. */
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
		json_array_append_new(shape_j, json_integer((json_int_t)s.candidates[l]));
	out = json_pack("{s:s, s:s, s:{s:i, s:o, s:b}, s:{s:s, s:s}, s:s, s:{s:i, s:s}, s:s, s:o}",
	    "description", "Ballot encrypted with the deterministic generator: C and JavaScript must produce exactly this ballot (canonical form) and tracker, and both must verify it.",
	    "seed", argv[2], "shape", "scrutin", (int)s.scrutin, "candidates", shape_j, "nul", s.nul,
	    "election", "fingerprint", fph, "y", yh, "secret", sh,
	    "choice", "list", c.list, "kept", argv[7], "tracker", trh, "ballot", b);
	json_dumpf(out, stdout, JSON_INDENT(1) | JSON_SORT_KEYS);
	putchar('\n');
	json_decref(out);
	free(canon);
	BN_free(sk);
	EC_POINT_free(y);
	BN_CTX_free(ctx);
	return 0;
}
