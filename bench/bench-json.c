/* bench-json.c: the JSON steps of one cast (figures for docs/performance.md,
 * not a test), on an 8×7 body as the browser sends it
 * ({"scrutin":N,"bulletin":{...},"mot_de_passe":"..."}, ~131 kB): with
 * jansson (json_loadb, json_dumps sorted, json_decref) and with lib/jtree.c
 * (jt_parse in place, jt_canonical, jt_free), and the verification reading
 * either (ballot_verify_points on the json_t, ballot_verify_tree). Checks
 * that both give the same canonical bytes. Times are minima over rounds.
 *   bench-json [ROUNDS]          both, one line a step
 *   bench-json --one jansson|jtree   one cast's steps, for
 *        valgrind --tool=callgrind --toggle-collect=one (instruction counts) */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "ballot.h"
#include "bpack.h"
#include "group.h"
#include "jtree.h"

static double
now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

#define STEP(best, code)                                                       \
	do {                                                                   \
		double t0_ = now_ms();                                         \
		code;                                                          \
		t0_ = now_ms() - t0_;                                          \
		if (t0_ < (best))                                              \
			(best) = t0_;                                          \
	} while (0)

static char *
make_body(
    const struct ballot_shape *s, const struct ballot_election *el, size_t *len)
{
	struct ballot_choice c = {1, {0}};
	struct err e;
	json_t *b, *body;
	char *text;

	memset(c.kept, 1, sizeof(c.kept));
	c.kept[2] = 0;
	if ((b = ballot_encrypt(s, el, &c, &e)) == NULL) {
		fprintf(stderr, "bench-json: %s\n", e.msg);
		exit(1);
	}
	/* the browser's order: scrutin, bulletin, password */
	body = json_pack("{s:i, s:o, s:s}", "scrutin", (int)s->scrutin,
	    "bulletin", b, "mot_de_passe", "");
	text = json_dumps(body, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(body);
	*len = strlen(text);
	return text;
}

/* One cast's steps, for callgrind (--toggle-collect=one: its inclusive
 * counts per callee are the steps'). */
__attribute__((noinline)) static void
one(const char *how, const char *body, size_t len, const struct ballot_shape *s,
    const struct ballot_election *el, unsigned char *pts)
{
	struct err e;
	char *canon;
	int rc;

	if (strcmp(how, "jansson") == 0) {
		json_t *j = json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL);
		rc = ballot_verify_points(
		    s, el, json_object_get(j, "bulletin"), pts, &e);
		canon = ballot_canonical(json_object_get(j, "bulletin"));
		json_decref(j);
	} else {
		struct jtree t;
		char *copy = malloc(len);
		memcpy(copy, body, len);
		if (jt_parse(&t, copy, len, &e) == -1)
			exit(1);
		rc = ballot_verify_tree(
		    s, el, &t, jt_get(&t, JT_ROOT, "bulletin"), pts, &e);
		canon = ballot_canonical_tree(
		    &t, jt_get(&t, JT_ROOT, "bulletin"), NULL);
		jt_free(&t);
		free(copy);
	}
	if (rc == -1)
		exit(1);
	printf("%zu canonical bytes\n", canon != NULL ? strlen(canon) : 0);
	free(canon);
}

int
main(int argc, char **argv)
{
	struct ballot_shape s = {2, 8, {7, 7, 7, 7, 7, 7, 7, 7}, 0};
	struct ballot_election el = {{0}, NULL, 0};
	BN_CTX *ctx = BN_CTX_new();
	BIGNUM *sk = BN_new();
	EC_POINT *y = EC_POINT_new(group_curve());
	double jp = 1e9, jv = 1e9, jd = 1e9, jf = 1e9, tp = 1e9, tv = 1e9,
	       td = 1e9, tf = 1e9;
	double tj = 1e9, tk = 1e9;
	int rounds = argc > 1 && argv[1][0] != '-' ? atoi(argv[1]) : 20;
	size_t plen = BALLOT_POINTS_LEN(ballot_positions(&s)), len;
	unsigned char *pts = malloc(plen);
	struct err e;
	char *body;

	group_random_scalar(sk, ctx, &e);
	group_mul2(y, sk, NULL, NULL, ctx);
	memset(el.fingerprint, 7, 32);
	el.y = y;
	body = make_body(&s, &el, &len);
	if (argc > 2 && strcmp(argv[1], "--one") == 0) {
		one(argv[2], body, len, &s, &el, pts);
		return 0;
	}
	for (int r = 0; r < rounds; r++) {
		char *copy = malloc(len), *c1, *c2;
		struct jtree t, t2;
		json_t *j;
		jt_ref b;

		STEP(jp,
		    j = json_loadb(body, len, JSON_REJECT_DUPLICATES, NULL));
		STEP(
		    jv,
		    if (ballot_verify_points(&s, &el,
		            json_object_get(j, "bulletin"), pts, &e) == -1) {
			    fprintf(stderr, "bench-json: %s\n", e.msg);
			    return 1;
		    });
		STEP(tj, jt_from_json(&t2, json_object_get(j, "bulletin"));
		     jt_free(&t2));
		STEP(jd, c1 = ballot_canonical(json_object_get(j, "bulletin")));
		STEP(jf, json_decref(j));
		memcpy(copy, body, len);
		STEP(tp, if (jt_parse(&t, copy, len, &e) == -1) return 1);
		b = jt_get(&t, JT_ROOT, "bulletin");
		STEP(tv, if (ballot_verify_tree(&s, &el, &t, b, pts, &e) ==
		             -1) return 1);
		STEP(td, c2 = ballot_canonical_tree(&t, b, NULL));
		STEP(tf, jt_free(&t));
		if (c1 == NULL || c2 == NULL || strcmp(c1, c2) != 0) {
			fprintf(stderr, "bench-json: canonical forms differ\n");
			return 1;
		}
		{
			size_t cl = strlen(c2), pl;
			unsigned char *pk = malloc(BPACK_BOUND(cl));
			STEP(tk, if (bpack_pack(c2, cl, pk, &pl, &e) == -1) return 1);
			free(pk);
		}
		free(c1);
		free(c2);
		free(copy);
	}
	printf("body %zu bytes, minimum of %d rounds (ms)\n", len, rounds);
	printf("%-10s %8s %8s %8s %8s %10s\n", "", "parse", "verify", "canon",
	    "free", "JSON sum");
	printf("%-10s %8.3f %8.3f %8.3f %8.3f %10.3f\n", "jansson", jp, jv, jd,
	    jf, jp + jd + jf);
	printf("%-10s %8.3f %8.3f %8.3f %8.3f %10.3f\n", "jtree", tp, tv, td,
	    tf, tp + td + tf);
	printf("jt_from_json (what ballot_verify adds on a json_t): %.3f ms\n",
	    tj);
	printf("packed form for the urn (bpack_pack): %.3f ms\n", tk);
	free(body);
	free(pts);
	BN_free(sk);
	EC_POINT_free(y);
	BN_CTX_free(ctx);
	return 0;
}
