/* test-vcombine.c: the equations of several ballots in one multiplication
 * (lib/vcombine.c, proof_batch_check_all): good ballots pass together; a
 * forged one makes the merged check fail, and the fallback refuses it
 * alone, with today's message, and accepts the others; errors of +δ and
 * −δ in two ballots do not cancel; threads checking at once each get
 * their own result, and some rounds hold several ballots. */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "ballot.h"
#include "cu.h"
#include "group.h"
#include "jtree.h"
#include "proof.h"
#include "vcombine.h"

static BIGNUM *sk;
static EC_POINT *pk;
static struct ballot_election el;
static const struct ballot_shape s43 = {7, 4, {3, 3, 3, 3}, 0};

static json_t *
enc_in(const struct ballot_election *in, int list)
{
	struct ballot_choice c = {list, {1, 0, 1}};
	struct err e;
	json_t *b = ballot_encrypt(&s43, in, &c, &e);

	if (b == NULL)
		fprintf(stderr, "encrypt: %s\n", e.msg);
	return b;
}

static json_t *
enc(int list)
{
	return enc_in(&el, list);
}

/* The sum proof's response s += delta (mod n): its challenge still
 * holds (responses are not hashed), its two equations fail by delta·G
 * and delta·Y. Two ballots shifted by +δ and −δ would cancel out under
 * equal weights. */
static json_t *
shift_response(json_t *b, long delta)
{
	json_t *br = json_array_get(json_object_get(b, "sum"), 0);
	unsigned char raw[32];
	BIGNUM *s = BN_new(), *d = BN_new();
	BN_CTX *ctx = BN_CTX_new();
	char hex[65];

	CU_ASSERT_FATAL(group_unhex(json_string_value(json_array_get(br, 1)),
	                    raw, 32) == 0);
	BN_bin2bn(raw, 32, s);
	BN_set_word(d, (BN_ULONG)labs(delta));
	if (delta < 0)
		BN_mod_sub(s, s, d, group_order(), ctx);
	else
		BN_mod_add(s, s, d, group_order(), ctx);
	BN_bn2binpad(s, raw, 32);
	group_hex(raw, 32, hex);
	json_array_set_new(br, 1, json_string(hex));
	BN_free(s);
	BN_free(d);
	BN_CTX_free(ctx);
	return b;
}

/* A ballot's equations collected into a batch of its own. */
static struct proof_batch *
collect_in(const struct ballot_election *in, const json_t *b)
{
	struct proof_batch *batch = proof_batch_new(in->y, NULL);
	struct jtree t;
	struct err e;

	CU_ASSERT_FATAL(batch != NULL && jt_from_json(&t, b) == 0);
	CU_ASSERT_FATAL(
	    ballot_verify_collect(&s43, in, &t, JT_ROOT, NULL, batch, &e) == 0);
	jt_free(&t);
	return batch;
}

static struct proof_batch *
collect(const json_t *b)
{
	return collect_in(&el, b);
}

static void
free_all(struct proof_batch **b, json_t **j, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		proof_batch_free(b[i]);
		json_decref(j[i]);
	}
}

static void
test_good_ballots_pass_in_one_multiplication(void)
{
	struct proof_batch *b[4];
	json_t *j[4];
	int rc[4] = {-1, -1, -1, -1};
	struct err e;

	for (size_t i = 0; i < 4; i++)
		b[i] = collect(j[i] = enc((int)i));
	CU_ASSERT_EQUAL(proof_batch_check_all(b, 4, &e), 0);
	CU_ASSERT_EQUAL(vcombine_round(b, rc, 4), 1);
	for (size_t i = 0; i < 4; i++)
		CU_ASSERT_EQUAL(rc[i], 0);
	free_all(b, j, 4);
}

/* Ballot 2 of 4 forged: one merged check fails, then one per ballot. */
static void
test_forged_ballot_refused_alone(void)
{
	struct proof_batch *b[4];
	json_t *j[4];
	int rc[4] = {-1, -1, -1, -1};
	struct err e;

	for (size_t i = 0; i < 4; i++) {
		j[i] = enc((int)i);
		if (i == 2)
			shift_response(j[i], 1);
		b[i] = collect(j[i]);
	}
	CU_ASSERT_EQUAL(proof_batch_check_all(b, 4, &e), -1);
	CU_ASSERT_EQUAL(vcombine_round(b, rc, 4), 5);
	CU_ASSERT_EQUAL(rc[0], 0);
	CU_ASSERT_EQUAL(rc[1], 0);
	CU_ASSERT_EQUAL(rc[2], -1);
	CU_ASSERT_EQUAL(rc[3], 0);
	/* the others, without it, pass together again */
	struct proof_batch *others[3] = {b[0], b[1], b[3]};
	CU_ASSERT_EQUAL(proof_batch_check_all(others, 3, &e), 0);
	free_all(b, j, 4);
}

static void
test_opposite_errors_in_two_ballots_do_not_cancel(void)
{
	struct proof_batch *b[3];
	json_t *j[3];
	int rc[3];
	struct err e;

	b[0] = collect(j[0] = shift_response(enc(0), 12345));
	b[1] = collect(j[1] = enc(1));
	b[2] = collect(j[2] = shift_response(enc(2), -12345));
	CU_ASSERT_EQUAL(proof_batch_check(b[0], &e), -1);
	CU_ASSERT_EQUAL(proof_batch_check(b[2], &e), -1);
	CU_ASSERT_EQUAL(proof_batch_check_all(b, 3, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "engagements incorrects"));
	struct proof_batch *pair[2] = {b[0], b[2]};
	CU_ASSERT_EQUAL(proof_batch_check_all(pair, 2, &e), -1);
	CU_ASSERT_EQUAL(vcombine_round(pair, rc, 2), 3);
	CU_ASSERT(rc[0] == -1 && rc[1] == -1);
	free_all(b, j, 3);
}

/* Ballots of two elections (two keys) in one round: each key keeps its
 * own coefficient; a false equation under either key is still caught. */
static void
test_two_keys_in_one_round(void)
{
	struct ballot_election el2 = el;
	EC_POINT *pk2 = EC_POINT_new(group_curve());
	BIGNUM *sk2 = BN_new();
	BN_CTX *ctx = BN_CTX_new();
	struct proof_batch *b[4];
	json_t *j[4];
	int rc[4];
	struct err e;

	CU_ASSERT_FATAL(group_random_scalar(sk2, ctx, &e) == 0);
	CU_ASSERT_FATAL(group_mul2(pk2, sk2, NULL, NULL, ctx) == 0);
	memset(el2.fingerprint, 0xcd, 32);
	el2.y = pk2;
	b[0] = collect(j[0] = enc(0));
	b[1] = collect_in(&el2, j[1] = enc_in(&el2, 1));
	b[2] = collect(j[2] = enc(2));
	b[3] = collect_in(&el2, j[3] = enc_in(&el2, 3));
	CU_ASSERT_EQUAL(proof_batch_check_all(b, 4, &e), 0);
	free_all(b, j, 4);
	b[0] = collect(j[0] = enc(0));
	b[1] = collect_in(&el2, j[1] = shift_response(enc_in(&el2, 1), 1));
	b[2] = collect_in(&el2, j[2] = enc_in(&el2, 2));
	CU_ASSERT_EQUAL(vcombine_round(b, rc, 3), 4);
	CU_ASSERT(rc[0] == 0 && rc[1] == -1 && rc[2] == 0);
	free_all(b, j, 3);
	EC_POINT_free(pk2);
	BN_free(sk2);
	BN_CTX_free(ctx);
}

/* Through the combiner the result and the message are ballot_verify's:
 * a good ballot passes, a forged one names its false proof. */
static void
test_combiner_answers_like_ballot_verify(void)
{
	struct vcombine *c = vcombine_new();
	json_t *good = enc(1), *bad = shift_response(enc(3), 1);
	struct err e1, e2;
	struct jtree t;

	CU_ASSERT_FATAL(c != NULL);
	CU_ASSERT_FATAL(jt_from_json(&t, good) == 0);
	CU_ASSERT_EQUAL(
	    vcombine_verify_tree(c, &s43, &el, &t, JT_ROOT, NULL, &e1), 0);
	jt_free(&t);
	CU_ASSERT_FATAL(jt_from_json(&t, bad) == 0);
	CU_ASSERT_EQUAL(
	    vcombine_verify_tree(c, &s43, &el, &t, JT_ROOT, NULL, &e1), -1);
	jt_free(&t);
	CU_ASSERT_EQUAL(ballot_verify(&s43, &el, bad, &e2), -1);
	CU_ASSERT_STRING_EQUAL(e1.msg, e2.msg);
	CU_ASSERT_PTR_NOT_NULL(strstr(e1.msg, "sum"));
	/* a structural refusal never reaches the combiner */
	json_object_set_new(bad, "scrutin", json_integer(8));
	CU_ASSERT_FATAL(jt_from_json(&t, bad) == 0);
	CU_ASSERT_EQUAL(
	    vcombine_verify_tree(c, &s43, &el, &t, JT_ROOT, NULL, &e1), -1);
	CU_ASSERT_STRING_EQUAL(e1.msg, "bulletin d'un autre scrutin");
	jt_free(&t);
	struct vcombine_stats st;
	vcombine_stats(c, &st);
	CU_ASSERT(st.rounds == 2 && st.ballots == 2 && st.shared == 0);
	vcombine_free(c);
	json_decref(good);
	json_decref(bad);
}

/* ------------------------------------------------------------ threads */

#define NTHREADS 4
#define NITER 12

struct worker {
	struct vcombine *c;
	pthread_barrier_t *go;
	json_t *ballot[NITER]; /* forged where forged[i] */
	int forged[NITER];
	int rc[NITER];
	char msg[NITER][ERR_MSG_MAX];
};

static void *
worker_main(void *arg)
{
	struct worker *w = arg;
	struct jtree t;
	struct err e;

	for (int i = 0; i < NITER; i++) {
		int ok = jt_from_json(&t, w->ballot[i]) == 0;
		pthread_barrier_wait(
		    w->go); /* even when not: no one left waiting */
		if (!ok) {
			w->rc[i] = -2;
			continue;
		}
		w->rc[i] = vcombine_verify_tree(
		    w->c, &s43, &el, &t, JT_ROOT, NULL, &e);
		snprintf(w->msg[i], sizeof(w->msg[i]), "%s",
		    w->rc[i] == 0 ? "" : e.msg);
		jt_free(&t);
	}
	return NULL;
}

/* Threads submit at once; in each iteration one or two of them hold a
 * forged ballot (never the same ones twice running), so that rounds mix
 * forged and good ballots at various places. Every result must be its
 * own. */
static void
test_threads_get_their_own_results(void)
{
	struct worker w[NTHREADS];
	pthread_t tid[NTHREADS];
	pthread_barrier_t go;
	struct vcombine *c = vcombine_new();
	struct vcombine_stats st;

	CU_ASSERT_FATAL(
	    c != NULL && pthread_barrier_init(&go, NULL, NTHREADS) == 0);
	for (int k = 0; k < NTHREADS; k++) {
		w[k].c = c;
		w[k].go = &go;
		for (int i = 0; i < NITER; i++) {
			w[k].forged[i] = (i + k) % 3 == 0;
			w[k].ballot[i] = enc((i + k) % 4);
			CU_ASSERT_FATAL(w[k].ballot[i] != NULL);
			if (w[k].forged[i])
				shift_response(w[k].ballot[i], 1 + k);
		}
	}
	for (int k = 0; k < NTHREADS; k++)
		CU_ASSERT_FATAL(
		    pthread_create(&tid[k], NULL, worker_main, &w[k]) == 0);
	for (int k = 0; k < NTHREADS; k++)
		pthread_join(tid[k], NULL);
	for (int k = 0; k < NTHREADS; k++)
		for (int i = 0; i < NITER; i++) {
			CU_ASSERT_EQUAL(w[k].rc[i], w[k].forged[i] ? -1 : 0);
			if (w[k].forged[i])
				CU_ASSERT_PTR_NOT_NULL(
				    strstr(w[k].msg[i], "sum : "));
			json_decref(w[k].ballot[i]);
		}
	vcombine_stats(c, &st);
	CU_ASSERT_EQUAL(st.ballots, NTHREADS * NITER);
	CU_ASSERT(st.shared >= 1); /* some round held several ballots */
	CU_ASSERT(st.largest >= 2 && st.largest <= NTHREADS);
	CU_ASSERT(st.rounds < st.ballots);
	fprintf(stderr,
	    "[%llu ballots in %llu rounds, %llu shared, largest %llu] ",
	    (unsigned long long)st.ballots, (unsigned long long)st.rounds,
	    (unsigned long long)st.shared, (unsigned long long)st.largest);
	pthread_barrier_destroy(&go);
	vcombine_free(c);
}

static CU_TestInfo tests[] = {
    {"good ballots pass in one multiplication",
        test_good_ballots_pass_in_one_multiplication},
    {"forged ballot refused alone", test_forged_ballot_refused_alone},
    {"opposite errors in two ballots do not cancel",
        test_opposite_errors_in_two_ballots_do_not_cancel},
    {"two keys in one round", test_two_keys_in_one_round},
    {"combiner answers like ballot_verify",
        test_combiner_answers_like_ballot_verify},
    {"threads get their own results", test_threads_get_their_own_results},
    CU_TEST_INFO_NULL,
};

int
main(void)
{
	BN_CTX *ctx = BN_CTX_new();
	struct err e;
	int rc;

	sk = BN_new();
	pk = EC_POINT_new(group_curve());
	group_random_scalar(sk, ctx, &e);
	group_mul2(pk, sk, NULL, NULL, ctx);
	memset(el.fingerprint, 0xab, 32);
	el.y = pk;
	BN_CTX_free(ctx);
	rc = cu_run("vcombine", tests);
	BN_free(sk);
	EC_POINT_free(pk);
	return rc;
}
