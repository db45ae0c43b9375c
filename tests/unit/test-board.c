/* test-board.c: the bulletin board format and its verifier without a
 * database (docs/protocol.md §10): a board built here from a 2-of-3 key,
 * three ballots, their partial decryptions and the seats verifies; so
 * does an empty urn (every total "00"); a wrong version, a missing key, a
 * foreign ballot, a wrong count, a count input with another shape and a
 * partial decryption of another total are each refused with their reason. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ballot.h"
#include "board.h"
#include "board_scan.h"
#include "count.h"
#include "cu.h"
#include "group.h"
#include "rules.h"
#include "tally.h"
#include "threshold.h"

#define N 3
#define K 2

static const unsigned char fp[32] = { 7, 7, 7 };
static const struct ballot_shape shape = { 4, 2, { 2, 1 }, 0 };
static BIGNUM *share[N + 1];
static EC_POINT *vkey[N + 1], *y;
static json_t *deals, *vks;

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

/* The three holders' deals, their shares and verification keys. */
static void
ceremony(void)
{
	struct thr_poly p[N + 1];
	EC_POINT *c[N + 1][K];
	BN_CTX *ctx = BN_CTX_new();
	BIGNUM *f = BN_new(), *pc = BN_new(), *pz = BN_new();
	struct err e;

	y = EC_POINT_new(group_curve());
	EC_POINT_set_to_infinity(group_curve(), y);
	deals = json_array();
	vks = json_array();
	for (unsigned x = 1; x <= N; x++) {
		json_t *coms = json_array();
		thr_poly_new(&p[x], K, &e);
		for (int l = 0; l < K; l++) {
			c[x][l] = EC_POINT_new(group_curve());
		}
		thr_commit(&p[x], c[x]);
		for (int l = 0; l < K; l++)
			json_array_append_new(coms, point_json(c[x][l], ctx));
		thr_pok_prove(fp, x, p[x].a[0], c[x][0], pc, pz);
		json_array_append_new(deals, json_pack("{s:i, s:o, s:[o,o]}", "holder", (int)x,
		    "commitments", coms, "pok", scalar_json(pc), scalar_json(pz)));
		EC_POINT_add(group_curve(), y, y, c[x][0], ctx);
	}
	for (unsigned h = 1; h <= N; h++) {
		share[h] = BN_new();
		BN_zero(share[h]);
		for (unsigned x = 1; x <= N; x++) {
			thr_eval(&p[x], h, f);
			BN_mod_add(share[h], share[h], f, group_order(), ctx);
		}
		vkey[h] = EC_POINT_new(group_curve());
		group_mul2(vkey[h], share[h], NULL, NULL, ctx);
		json_array_append_new(vks, point_json(vkey[h], ctx));
	}
	for (unsigned x = 1; x <= N; x++) {
		thr_poly_free(&p[x]);
		for (int l = 0; l < K; l++)
			EC_POINT_free(c[x][l]);
	}
	BN_free(f);
	BN_free(pc);
	BN_free(pz);
	BN_CTX_free(ctx);
}

static int
by_tracker(const void *a, const void *b)
{
	const json_t *x = *(json_t *const *)a, *y2 = *(json_t *const *)b;

	return strcmp(json_string_value(json_object_get(x, "tracker")),
	    json_string_value(json_object_get(y2, "tracker")));
}

/* Holder h's partial decryptions of every total. */
static json_t *
partials_of(unsigned h, const json_t *totals)
{
	EC_POINT *a = EC_POINT_new(group_curve()), *d = EC_POINT_new(group_curve());
	BIGNUM *c = BN_new(), *r = BN_new();
	BN_CTX *ctx = BN_CTX_new();
	json_t *arr = json_array(), *t;
	char cs[64];
	size_t i;
	struct err e;

	json_array_foreach(totals, i, t) {
		const char *ah = json_string_value(json_object_get(t, "a"));
		if (strcmp(ah, "00") == 0) {
			json_array_append_new(arr, json_pack("{s:s, s:n}", "d", "00", "proof"));
			continue;
		}
		count_context(shape.scrutin, 0, i, cs, sizeof(cs));
		group_point_decode(ah, a, ctx, &e);
		thr_partial(fp, cs, share[h], vkey[h], a, d, c, r);
		json_array_append_new(arr, json_pack("{s:o, s:[o,o]}", "d", point_json(d, ctx), "proof",
		    scalar_json(c), scalar_json(r)));
	}
	EC_POINT_free(a);
	EC_POINT_free(d);
	BN_free(c);
	BN_free(r);
	BN_CTX_free(ctx);
	return json_pack("{s:i, s:o}", "holder", (int)h, "partials", arr);
}

/* The counting law's input for the counts (lists A: 2 names, B: 1). */
static json_t *
rules_input(const json_int_t *c, json_int_t ballots)
{
	return json_pack("{s:[{s:s, s:{s:i, s:i, s:I, s:I, s:i, s:[{s:s, s:I, s:[{s:s, s:s, s:s, s:I},"
	    " {s:s, s:s, s:s, s:I}]}, {s:s, s:I, s:[{s:s, s:s, s:s, s:I}]}]}}]}",
	    "colleges", "name", "Cadres", "titulaires", "seats", 2, "inscrits", 5, "votants", ballots,
	    "blancs", c[2], "nuls", 0, "lists",
	    "name", "A", "ballots", c[0], "candidates",
	    "name", "Ana", "sex", "F", "birthdate", "1980-01-01", "strikes", c[0] - c[3],
	    "name", "Bob", "sex", "H", "birthdate", "1981-01-01", "strikes", c[0] - c[4],
	    "name", "B", "ballots", c[1], "candidates",
	    "name", "Cléo", "sex", "F", "birthdate", "1982-01-01", "strikes", c[1] - c[5]);
}

/* The ballots' version board_of writes: 0 the current one, 3 that of an
 * earlier election (each candidate with its own proof). */
static int board_version;

/* A complete board for these votes; counts are what they must decrypt to. */
static json_t *
board_of(const struct ballot_choice *votes, size_t n, const json_int_t *counts)
{
	struct ballot_election el = { { 0 }, y, board_version };
	struct tally *t = tally_new(&shape);
	json_t **bs = calloc(n + 1, sizeof(*bs)), *ballots = json_array(), *tj, *in, *cnt = json_array();
	BN_CTX *ctx = BN_CTX_new();
	unsigned char tr[32];
	char hex[65], fph[65];
	struct err e;

	memcpy(el.fingerprint, fp, 32);
	for (size_t i = 0; i < n; i++) {
		json_t *b = ballot_encrypt(&shape, &el, &votes[i], &e);
		char *canon = ballot_canonical(b);
		ballot_tracker(canon, tr);
		free(canon);
		group_hex(tr, 32, hex);
		tally_add(t, b, &e);
		bs[i] = json_pack("{s:s, s:o}", "tracker", hex, "ballot", b);
	}
	qsort(bs, n, sizeof(*bs), by_tracker);
	for (size_t i = 0; i < n; i++)
		json_array_append_new(ballots, bs[i]);
	for (size_t i = 0; i < 6; i++)
		json_array_append_new(cnt, json_integer(counts[i]));
	tj = tally_to_json(t);
	in = rules_input(counts, (json_int_t)n);
	group_hex(fp, 32, fph);
	json_t *doc = json_pack("{s:s, s:i, s:{s:s, s:o, s:i, s:i, s:O, s:O},"
	    " s:{s:i, s:s, s:[i,i], s:b, s:b}, s:o, s:o, s:[o,o], s:o, s:{s:o, s:o}}",
	    "format", BOARD_FORMAT, "version", BOARD_VERSION,
	    "election", "fingerprint", fph, "public_key", point_json(y, ctx), "threshold", K, "holders", N,
	    "deals", deals, "verification_keys", vks,
	    "scrutin", "id", (int)shape.scrutin, "title", "Essai", "candidates", 2, 1, "nul", 0, "sub_urns", 0,
	    "ballots", ballots, "tally", tj,
	    "partials", partials_of(3, json_object_get(tj, "totals")), partials_of(1, json_object_get(tj, "totals")),
	    "counts", cnt, "result", "output", rules_run_json(in), "input", in);
	free(bs);
	tally_free(t);
	BN_CTX_free(ctx);
	return doc;
}

/* choices: A, B, blank; then candidates A.1 A.2 B.1 */
static const struct ballot_choice votes[] = { { 0, { 1, 0 } }, { 1, { 1 } }, { 0, { 1, 1 } } };
static const json_int_t counts[] = { 2, 1, 0, 2, 1, 1 };

static void
expect_fail(json_t *doc, const char *reason)
{
	struct board_summary s;
	struct err e = { { 0 }, 0 };

	CU_ASSERT_EQUAL(board_verify(doc, &s, &e), -1);
	if (strstr(e.msg, reason) == NULL)
		fprintf(stderr, "\nattendu « %s », obtenu « %s »\n", reason, e.msg);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, reason));
}

static void
test_board_verifies(void)
{
	json_t *doc = board_of(votes, 3, counts);
	struct board_summary s;
	struct err e = { { 0 }, 0 };

	CU_ASSERT_EQUAL(board_verify(doc, &s, &e), 0);
	if (e.msg[0] != '\0')
		fprintf(stderr, "\n%s\n", e.msg);
	CU_ASSERT_EQUAL(s.scrutin, 4);
	CU_ASSERT_EQUAL(s.ballots, 3);
	/* the first k listed are combined, in their order */
	CU_ASSERT_STRING_EQUAL(s.holders, "détenteurs 3 1");
	CU_ASSERT_EQUAL(s.sub_urns, 0);
	CU_ASSERT_TRUE(s.result_checked);
	/* A 1, B 1 at the quotient (QE 3/2): Ana and Cléo elected */
	json_t *l = json_object_get(json_object_get(json_array_get(json_object_get(json_object_get(
	    json_object_get(doc, "result"), "output"), "colleges"), 0), "titulaires"), "lists");
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(json_array_get(l, 0), "seats_total")), 1);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(json_array_get(l, 1), "seats_total")), 1);
	json_decref(doc);
}

static int verify_text(const char *text, struct board_summary *s, json_t **hdr, char *msg,
    size_t len);

static void
test_board_empty_urn(void)
{
	static const json_int_t zero[6] = { 0 };
	json_t *doc = board_of(NULL, 0, zero);
	struct board_summary s;
	struct err e = { { 0 }, 0 };

	CU_ASSERT_STRING_EQUAL(json_string_value(json_object_get(json_array_get(json_object_get(
	    json_object_get(doc, "tally"), "totals"), 0), "a")), "00");
	json_object_del(doc, "result");
	CU_ASSERT_EQUAL(board_verify(doc, &s, &e), 0);
	CU_ASSERT_EQUAL(s.ballots, 0);
	CU_ASSERT_FALSE(s.result_checked);
	/* the same as a file: no tracker to sort (the fuzzer's first find) */
	char msg[ERR_MSG_MAX], *text = board_text(doc);
	CU_ASSERT_EQUAL(verify_text(text, &s, NULL, msg, sizeof(msg)), 0);
	CU_ASSERT_STRING_EQUAL(msg, "");
	CU_ASSERT_EQUAL(s.ballots, 0);
	free(text);
	json_decref(doc);
}

static void
test_board_refusals(void)
{
	json_t *doc = board_of(votes, 3, counts), *c;

	c = json_deep_copy(doc);
	json_object_set_new(c, "version", json_integer(BOARD_VERSION + 1));
	expect_fail(c, "format de tableau inconnu");
	json_decref(c);

	c = json_deep_copy(doc);
	json_object_del(c, "tally");
	expect_fail(c, "tableau mal formé");
	json_decref(c);

	/* the same ballot replayed into another scrutin */
	c = json_deep_copy(doc);
	json_object_set_new(json_object_get(c, "scrutin"), "id", json_integer(5));
	expect_fail(c, "bulletin d'un autre scrutin");
	json_decref(c);

	c = json_deep_copy(doc);
	json_array_set_new(json_object_get(c, "counts"), 5, json_integer(0));
	expect_fail(c, "compte publié du total 5 (liste 2, candidat 1) : différent, déchiffré : 1");
	json_decref(c);

	c = json_deep_copy(doc);
	json_t *in = json_object_get(json_object_get(c, "result"), "input");
	json_t *cat = json_object_get(json_array_get(json_object_get(in, "colleges"), 0), "titulaires");
	json_array_remove(json_object_get(json_array_get(json_object_get(cat, "lists"), 1), "candidates"), 0);
	expect_fail(c, "liste 2 : voix différentes des comptes déchiffrés");
	json_decref(c);

	/* total 3's decryption presented as total 4's: bound to its position */
	c = json_deep_copy(doc);
	json_t *p = json_object_get(json_array_get(json_object_get(c, "partials"), 0), "partials");
	json_array_set(p, 4, json_array_get(p, 3));
	expect_fail(c, "déchiffrement partiel du détenteur 3, total 4 (liste 1, candidat 2) : preuve invalide");
	json_decref(c);
	json_decref(doc);
}

/* text written to a temporary file, verified streaming; the error
 * message (or "" when it verifies) into msg. */
static int
verify_text_jobs(const char *text, unsigned jobs, struct board_summary *s, json_t **hdr, char *msg,
    size_t len)
{
	char path[] = "/tmp/test-board-XXXXXX";
	int fd = mkstemp(path), rc;
	struct err e = { { 0 }, 0 };

	CU_ASSERT_TRUE(fd >= 0);
	CU_ASSERT_EQUAL(write(fd, text, strlen(text)), (ssize_t)strlen(text));
	close(fd);
	rc = board_verify_file_jobs(path, jobs, s, hdr, &e);
	snprintf(msg, len, "%s", rc == 0 ? "" : e.msg);
	unlink(path);
	return rc;
}

static int
verify_text(const char *text, struct board_summary *s, json_t **hdr, char *msg, size_t len)
{
	return verify_text_jobs(text, 0, s, hdr, msg, len);
}

/* docs/protocol.md §10.4: the file read in two passes, one ballot at a
 * time, gives what the whole document gives, whatever its layout; and
 * refuses what a whole-document reader refuses. */
static void
test_board_file(void)
{
	json_t *doc = board_of(votes, 3, counts), *hdr = NULL, *b;
	struct board_summary s;
	char msg[ERR_MSG_MAX], *text = board_text(doc), *compact, *bad;
	size_t n;

	CU_ASSERT_EQUAL(verify_text(text, &s, &hdr, msg, sizeof(msg)), 0);
	CU_ASSERT_STRING_EQUAL(msg, "");
	CU_ASSERT_EQUAL(s.ballots, 3);
	CU_ASSERT_STRING_EQUAL(s.holders, "détenteurs 3 1");
	CU_ASSERT_TRUE(s.result_checked);
	/* the summary the site keeps: everything but the ballots */
	CU_ASSERT_EQUAL(json_array_size(json_object_get(hdr, "ballots")), 0);
	CU_ASSERT_TRUE(json_equal(json_object_get(hdr, "tally"), json_object_get(doc, "tally")));
	json_decref(hdr);
	/* another layout (compact, insertion order: ballots in the middle) */
	compact = json_dumps(doc, JSON_COMPACT);
	CU_ASSERT_EQUAL(verify_text(compact, &s, NULL, msg, sizeof(msg)), 0);
	CU_ASSERT_EQUAL(s.ballots, 3);
	/* a key given twice at the top */
	n = strlen(compact);
	bad = malloc(n + 32);
	snprintf(bad, n + 32, "{\"version\": 2, %s", compact + 1);
	CU_ASSERT_EQUAL(verify_text(bad, &s, NULL, msg, sizeof(msg)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "clé « version » en double"));
	/* bytes after the document */
	snprintf(bad, n + 32, "%s {}", compact);
	CU_ASSERT_EQUAL(verify_text(bad, &s, NULL, msg, sizeof(msg)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "données après le document"));
	/* a truncated file */
	snprintf(bad, n + 32, "%.*s", (int)(n / 2), compact);
	CU_ASSERT_EQUAL(verify_text(bad, &s, NULL, msg, sizeof(msg)), -1);
	free(bad);
	free(compact);
	/* the last ballot copied to the front: a duplicate, found before any
	 * ballot is checked, as board_verify finds it */
	b = json_object_get(doc, "ballots");
	json_array_insert(b, 0, json_array_get(b, 2));
	compact = json_dumps(doc, JSON_COMPACT);
	CU_ASSERT_EQUAL(verify_text(compact, &s, NULL, msg, sizeof(msg)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "publié deux fois : bulletin en double"));
	free(compact);
	/* a ballot entry that is not an object */
	json_array_set_new(b, 0, json_integer(7));
	compact = json_dumps(doc, JSON_COMPACT);
	CU_ASSERT_EQUAL(verify_text(compact, &s, NULL, msg, sizeof(msg)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "bulletin n° 1"));
	free(compact);
	/* a ballot entry past the reader's bound, even as one string, is
	 * refused rather than buffered */
	bad = malloc(BSCAN_ENTRY_MAX + 64);
	memset(bad, 'a', BSCAN_ENTRY_MAX + 63);
	memcpy(bad, "{\"ballots\": [\"", 14);
	memcpy(bad + BSCAN_ENTRY_MAX + 60, "\"]}", 4);
	CU_ASSERT_EQUAL(verify_text(bad, &s, NULL, msg, sizeof(msg)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "bulletin n° 1 : JSON illisible ou de plus de"));
	free(bad);
	free(text);
	json_decref(doc);
}

/* One byte of the first choice's proof of ballot i (from 0) changed. */
static void
alter_proof(json_t *doc, size_t i)
{
	json_t *b = json_object_get(json_array_get(json_object_get(doc, "ballots"), i), "ballot");
	json_t *p = json_array_get(json_object_get(json_array_get(json_object_get(b, "choices"), 0),
	    "proof"), 0);
	char *c = strdup(json_string_value(json_array_get(p, 0)));

	c[strlen(c) - 1] = c[strlen(c) - 1] == '0' ? '1' : '0';
	json_array_set_new(p, 0, json_string(c));
	free(c);
}

/* text verified with 1, 2, 3 and 7 threads: each gives the whole
 * document's verdict (board_verify's message, or ""), whichever thread
 * meets a failure first. */
static void
expect_jobs(const char *text, const char *want, unsigned long ballots)
{
	static const unsigned jobs[] = { 1, 2, 3, 7 };
	struct board_summary s;
	char msg[ERR_MSG_MAX];

	for (size_t j = 0; j < sizeof(jobs) / sizeof(*jobs); j++) {
		int rc = verify_text_jobs(text, jobs[j], &s, NULL, msg, sizeof(msg));
		if (strcmp(msg, want) != 0)
			fprintf(stderr, "\n%u fil(s) : attendu « %s », obtenu « %s »\n", jobs[j], want, msg);
		CU_ASSERT_STRING_EQUAL(msg, want);
		CU_ASSERT_EQUAL(rc, *want ? -1 : 0);
		if (rc == 0)
			CU_ASSERT_EQUAL(s.ballots, ballots);
	}
}

/* docs/protocol.md §10.4: the ballots checked on several threads give the
 * verdict of one: a valid board of 60 verifies (the threads' tallies
 * summed equal the published totals), the 37th altered is named, of two
 * altered the earlier, two swapped the second. */
/* bad fails as a whole document at the ballot named by `who` (its
 * message into want), and the same on every number of threads. */
static void
expect_earliest(const json_t *bad, const char *who, char *want)
{
	struct board_summary s;
	struct err e = { { 0 }, 0 };
	char *text = board_text(bad);

	CU_ASSERT_EQUAL(board_verify(bad, &s, &e), -1);
	snprintf(want, ERR_MSG_MAX, "%s", e.msg);
	if (strstr(want, who) == NULL)
		fprintf(stderr, "\nattendu « %s… », obtenu « %s »\n", who, want);
	CU_ASSERT_PTR_NOT_NULL(strstr(want, who));
	expect_jobs(text, want, 0);
	free(text);
}

/* j turned into its version 2 form (boards of elections before version
 * 3): every uncompressed commitment 04‖x‖y compressed to 02|03‖x (the
 * proofs hash the compressed form: still valid), "version": 2. */
static void
to_v2(json_t *j)
{
	const char *k, *v;
	json_t *x;
	size_t i;
	char c[67];

	if (json_is_object(j)) {
		json_object_foreach(j, k, x)
			to_v2(x);
		if (json_object_get(j, "version") != NULL)
			json_object_set_new(j, "version", json_integer(2));
	} else if (json_is_array(j)) {
		json_array_foreach(j, i, x) {
			v = json_string_value(x);
			if (v != NULL && strlen(v) == 130 && strncmp(v, "04", 2) == 0) {
				int odd = strchr("13579bdf", v[129]) != NULL;
				snprintf(c, sizeof(c), "%s%.64s", odd ? "03" : "02", v + 2);
				json_array_set_new(j, i, json_string(c));
			} else
				to_v2(x);
		}
	}
}

/* Ciphertext c's points compressed (from the digits: the parity of y). */
static void
ct_to_v4(json_t *c)
{
	const char *f[] = { "a", "b" }, *v;
	char h[67];

	for (size_t k = 0; k < 2; k++) {
		v = json_string_value(json_object_get(c, f[k]));
		CU_ASSERT_EQUAL_FATAL(strlen(v), 130);
		snprintf(h, sizeof(h), "%s%.64s", strchr("13579bdf", v[129]) ? "03" : "02", v + 2);
		json_object_set_new(c, f[k], json_string(h));
	}
}

/* A version 5 ballot in version 4: the same proofs (they hash the
 * compressed form), its ciphertexts compressed. */
static void
to_v4(json_t *b)
{
	json_t *x, *l;
	size_t i, j;

	json_array_foreach(json_object_get(b, "choices"), i, x)
		ct_to_v4(x);
	json_array_foreach(json_object_get(b, "lists"), i, l)
		json_array_foreach(json_object_get(l, "candidates"), j, x)
			ct_to_v4(x);
	json_object_set_new(b, "version", json_integer(4));
}

/* The board's ballots converted by conv (all of them, or only the one
 * of index only), with their trackers, in order. */
static void
board_convert(json_t *doc, void (*conv)(json_t *), long only)
{
	json_t *bs = json_object_get(doc, "ballots"), *b;
	json_t **v = calloc(json_array_size(bs) + 1, sizeof(*v));
	size_t i, n = json_array_size(bs);
	unsigned char tr[32];
	char hex[65], *canon;

	json_array_foreach(bs, i, b) {
		if (only < 0 || (size_t)only == i)
			conv(json_object_get(b, "ballot"));
		canon = ballot_canonical(json_object_get(b, "ballot"));
		ballot_tracker(canon, tr);
		free(canon);
		group_hex(tr, 32, hex);
		json_object_set_new(b, "tracker", json_string(hex));
		v[i] = json_incref(b);
	}
	qsort(v, n, sizeof(*v), by_tracker);
	json_array_clear(bs);
	for (i = 0; i < n; i++)
		json_array_append_new(bs, v[i]);
	free(v);
}

static void
test_board_jobs(void)
{
	struct ballot_choice v60[60];
	json_int_t c60[6];
	json_t *doc, *bad, *bs, *b40;
	struct board_summary s;
	char *text, want[ERR_MSG_MAX], cut[ERR_MSG_MAX];
	size_t n;

	for (size_t i = 0; i < 60; i++)
		v60[i] = votes[i % 3];
	for (size_t i = 0; i < 6; i++)
		c60[i] = 20 * counts[i];
	doc = board_of(v60, 60, c60);
	text = board_text(doc);
	expect_jobs(text, "", 60);
	free(text);

	/* ballot 37 of 60 */
	bad = json_deep_copy(doc);
	alter_proof(bad, 36);
	expect_earliest(bad, "bulletin n° 37 (traceur ", want);
	/* the file cut after it: the cut, found by the first pass (the
	 * trackers) before any ballot is checked, whatever the threads */
	text = board_text(bad);
	n = strlen(text);
	text[n - n / 20] = '\0';
	CU_ASSERT_EQUAL(verify_text_jobs(text, 1, &s, NULL, cut, sizeof(cut)), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(cut, "JSON illisible"));
	expect_jobs(text, cut, 0);
	free(text);
	/* and ballot 12 too: ballot 12 named */
	alter_proof(bad, 11);
	expect_earliest(bad, "bulletin n° 12 (traceur ", want);
	/* ballot 13 malformed (refused at once, before ballot 12's proofs
	 * are through on another thread): still ballot 12 */
	json_object_set_new(json_array_get(json_object_get(bad, "ballots"), 12), "x", json_integer(1));
	expect_earliest(bad, "bulletin n° 12 (traceur ", want);
	json_decref(bad);

	/* ballots 40 and 41 swapped: the order check, between a worker's
	 * two parts, at ballot 41 */
	bad = json_deep_copy(doc);
	bs = json_object_get(bad, "ballots");
	b40 = json_incref(json_array_get(bs, 39));
	json_array_remove(bs, 39);
	json_array_insert_new(bs, 40, b40);
	expect_earliest(bad, "bulletin n° 41 (traceur ", want);
	json_decref(bad);

	/* boards of version 3 and version 2 ballots (earlier elections): the
	 * version the first ballot gives is every thread's */
	board_version = 3;
	bad = board_of(v60, 60, c60);
	board_version = 0;
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(json_object_get(json_array_get(
	    json_object_get(bad, "ballots"), 30), "ballot"), "version")), 3);
	text = board_text(bad);
	expect_jobs(text, "", 60);
	free(text);
	board_convert(bad, to_v2, -1);
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(json_object_get(json_array_get(
	    json_object_get(bad, "ballots"), 30), "ballot"), "version")), 2);
	text = board_text(bad);
	expect_jobs(text, "", 60);
	free(text);
	json_decref(bad);

	/* version 4 (ciphertexts compressed): written so, or the current
	 * board's ballots converted (same proofs, other trackers), it
	 * verifies; one ballot converted, the board mixes two versions and is
	 * refused, whichever comes first */
	board_version = 4;
	bad = board_of(v60, 60, c60);
	board_version = 0;
	CU_ASSERT_EQUAL(json_integer_value(json_object_get(json_object_get(json_array_get(
	    json_object_get(bad, "ballots"), 30), "ballot"), "version")), 4);
	text = board_text(bad);
	expect_jobs(text, "", 60);
	free(text);
	json_decref(bad);
	bad = json_deep_copy(doc);
	board_convert(bad, to_v4, -1);
	text = board_text(bad);
	expect_jobs(text, "", 60);
	free(text);
	json_decref(bad);
	for (long k = 0; k < 60; k += 59) {
		bad = json_deep_copy(doc);
		board_convert(bad, to_v4, k);
		expect_earliest(bad, "version de bulletin inconnue", want);
		json_decref(bad);
	}
	json_decref(doc);
}

int
main(void)
{
	CU_TestInfo tests[] = {
		{ "a complete board verifies", test_board_verifies },
		{ "an empty urn verifies", test_board_empty_urn },
		{ "altered boards refused with their reason", test_board_refusals },
		{ "a board file verified streaming", test_board_file },
		{ "a board file verified on several threads", test_board_jobs },
		CU_TEST_INFO_NULL,
	};

	ceremony();
	int rc = cu_run("board", tests);
	for (unsigned h = 1; h <= N; h++) {
		BN_free(share[h]);
		EC_POINT_free(vkey[h]);
	}
	EC_POINT_free(y);
	json_decref(deals);
	json_decref(vks);
	return rc;
}
