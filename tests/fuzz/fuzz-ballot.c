/* fuzz-ballot: the strict decoding and verification of an encrypted ballot
 * (lib/ballot.c), as isoloir-verify reads it: {"shape", "election",
 * "ballot"} (the layout of tests/vectors/ballot-*.json). Invariants for an
 * accepted ballot: its canonical form parses back to an equal document
 * that verifies again and has the same tracker; the canonical form of a
 * ballot is a fixed point (canonical(parse(canonical(b))) = canonical(b)).
 * The cast's path (lib/jtree.c on the same text, ballot_verify_tree,
 * ballot_canonical_tree) gives the same verdict and the same canonical
 * bytes. */
#include "config.h"

#include "ballot.h"
#include "fuzz.h"
#include "group.h"
#include "jtree.h"

/* The shape as isoloir-verify reads it (ballot_verify checks its bounds). */
static int
load_shape(const json_t *j, struct ballot_shape *s)
{
	const json_t *c = json_object_get(j, "candidates");

	memset(s, 0, sizeof(*s));
	if (!json_is_integer(json_object_get(j, "scrutin")) || !json_is_array(c) ||
	    json_array_size(c) > BALLOT_MAX_LISTS)
		return -1;
	s->scrutin = (unsigned)json_integer_value(json_object_get(j, "scrutin"));
	s->nul = json_is_true(json_object_get(j, "nul"));
	s->lists = json_array_size(c);
	for (size_t l = 0; l < s->lists; l++)
		s->candidates[l] = (size_t)json_integer_value(json_array_get(c, l));
	return 0;
}

static void
check_accepted(const struct ballot_shape *s, const struct ballot_election *el,
    const json_t *b)
{
	char *canon = ballot_canonical(b), *again;
	unsigned char t1[32], t2[32];
	json_error_t je;
	json_t *re;
	struct err e;

	FUZZ_CHECK(canon != NULL);
	re = json_loads(canon, JSON_REJECT_DUPLICATES, &je);
	FUZZ_CHECK(re != NULL && json_equal(re, b));
	FUZZ_CHECK(ballot_verify(s, el, re, &e) == 0);
	again = ballot_canonical(re);
	FUZZ_CHECK(again != NULL && strcmp(again, canon) == 0);
	ballot_tracker(canon, t1);
	ballot_tracker(again, t2);
	FUZZ_CHECK(memcmp(t1, t2, 32) == 0);
	FUZZ_CHECK(json_array_size(json_object_get(b, "choices")) == ballot_slots(s));
	json_decref(re);
	free(canon);
	free(again);
}

/* The input read as the cast reads its body; verdict of jansson's path. */
static void
check_tree(const uint8_t *data, size_t size, const struct ballot_shape *s,
    const struct ballot_election *el, const json_t *b, int verdict)
{
	char *copy = malloc(size + 1), *c1, *c2;
	struct jtree t;
	struct err e;
	jt_ref r;

	FUZZ_CHECK(copy != NULL);
	memcpy(copy, data, size);
	if (jt_parse(&t, copy, size, &e) == -1) {
		/* the one input jansson takes and jtree not (lib/jtree.h) */
		FUZZ_CHECK(memchr(data, 0, size) != NULL);
		free(copy);
		return;
	}
	r = jt_get(&t, JT_ROOT, "ballot");
	FUZZ_CHECK(ballot_verify_tree(s, el, &t, r, NULL, &e) == verdict);
	if (verdict == 0) {
		c1 = ballot_canonical(b);
		c2 = ballot_canonical_tree(&t, r, NULL);
		FUZZ_CHECK(c1 != NULL && c2 != NULL && strcmp(c1, c2) == 0);
		free(c1);
		free(c2);
	}
	jt_free(&t);
	free(copy);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *doc = fuzz_json(data, size);
	EC_POINT *y = EC_POINT_new(group_curve());
	BN_CTX *ctx = BN_CTX_new();
	const json_t *ej = json_object_get(doc, "election");
	const char *fp = json_string_value(json_object_get(ej, "fingerprint"));
	struct ballot_election el = { { 0 }, NULL, 0 };
	struct ballot_shape s;
	struct err e;

	if (doc != NULL && load_shape(json_object_get(doc, "shape"), &s) == 0 && fp != NULL &&
	    group_unhex(fp, el.fingerprint, 32) == 0 &&
	    group_point_decode(json_string_value(json_object_get(ej, "y")), y, ctx, &e) == 0) {
		int verdict;
		el.y = y;
		verdict = ballot_verify(&s, &el, json_object_get(doc, "ballot"), &e);
		if (verdict == 0)
			check_accepted(&s, &el, json_object_get(doc, "ballot"));
		else
			FUZZ_CHECK(e.msg[0] != '\0');
		check_tree(data, size, &s, &el, json_object_get(doc, "ballot"), verdict);
	}
	json_decref(doc);
	EC_POINT_free(y);
	BN_CTX_free(ctx);
	return 0;
}
