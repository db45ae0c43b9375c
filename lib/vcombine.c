/* vcombine.c: one multiplication for the ballots of several threads
 * (flat combining, lib/vcombine.h). Each ballot's equations keep the
 * weights its own batch drew from the CSPRNG (lib/proof.c), so merging
 * them is the batch check of docs/protocol.md §5 over many ballots; a
 * failed round falls back to one check per ballot, and the thread of a
 * ballot that fails alone names its false proof itself (in parallel with
 * the others, not in the leader's round). */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>

#include "ballot.h"
#include "proof.h"
#include "vcombine.h"

/* A thread's ballot in the queue; on its stack, read by the leader only
 * between taking it and publishing its result (the owner waits). */
struct vc_wait {
	struct proof_batch *b;
	int rc, done;
	struct vc_wait *next;
};

struct vcombine {
	pthread_mutex_t mu;
	pthread_cond_t cv; /* a round published, or the leader left */
	struct vc_wait *head, **tail;
	int leading;
	struct vcombine_stats st;
};

struct vcombine *
vcombine_new(void)
{
	struct vcombine *c = calloc(1, sizeof(*c));

	if (c == NULL)
		return NULL;
	if (pthread_mutex_init(&c->mu, NULL) != 0) {
		free(c);
		return NULL;
	}
	if (pthread_cond_init(&c->cv, NULL) != 0) {
		pthread_mutex_destroy(&c->mu);
		free(c);
		return NULL;
	}
	c->tail = &c->head;
	return c;
}

void
vcombine_free(struct vcombine *c)
{
	if (c == NULL)
		return;
	pthread_cond_destroy(&c->cv);
	pthread_mutex_destroy(&c->mu);
	free(c);
}

size_t
vcombine_round(struct proof_batch *const *b, int *rc, size_t n)
{
	struct err e;
	int ok;

	if (n == 0)
		return 0;
	ok = proof_batch_check_all(b, n, &e) == 0;
	for (size_t i = 0; i < n; i++)
		rc[i] = ok ? 0 : -1;
	/* alone, the merged check was the ballot's own */
	if (ok || n == 1)
		return 1;
	for (size_t i = 0; i < n; i++)
		rc[i] = proof_batch_check(b[i], &e);
	return 1 + n;
}

/* The oldest waiting ballots, at most VCOMBINE_MAX. Locked. */
static size_t
vc_take(struct vcombine *c, struct vc_wait **m)
{
	size_t n = 0;

	while (c->head != NULL && n < VCOMBINE_MAX) {
		m[n++] = c->head;
		c->head = c->head->next;
	}
	if (c->head == NULL)
		c->tail = &c->head;
	return n;
}

/* Locked on entry and exit; the lock is left during the multiplication. */
static void
vc_publish(struct vcombine *c, struct vc_wait **m, const int *rc, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		m[i]->rc = rc[i];
		m[i]->done = 1;
	}
	c->st.rounds++;
	c->st.ballots += n;
	c->st.shared += n > 1;
	if (n > c->st.largest)
		c->st.largest = n;
}

/* Rounds until me is done (FIFO: it is taken at the latest when the
 * ballots queued before it are), then the lead goes to a waiter. */
static void
vc_lead(struct vcombine *c, struct vc_wait *me)
{
	struct vc_wait *m[VCOMBINE_MAX];
	struct proof_batch *b[VCOMBINE_MAX];
	int rc[VCOMBINE_MAX];

	c->leading = 1;
	while (!me->done) {
		size_t n = vc_take(c, m);
		for (size_t i = 0; i < n; i++)
			b[i] = m[i]->b;
		pthread_mutex_unlock(&c->mu);
		vcombine_round(b, rc, n);
		pthread_mutex_lock(&c->mu);
		vc_publish(c, m, rc, n);
		pthread_cond_broadcast(&c->cv);
	}
	c->leading = 0;
	if (c->head != NULL) /* they slept through the rounds: one leads */
		pthread_cond_broadcast(&c->cv);
}

int
vcombine_check(struct vcombine *c, struct proof_batch *b, struct err *e)
{
	struct vc_wait me = {b, -1, 0, NULL};

	pthread_mutex_lock(&c->mu);
	*c->tail = &me;
	c->tail = &me.next;
	while (!me.done) {
		if (!c->leading)
			vc_lead(c, &me);
		else
			pthread_cond_wait(&c->cv, &c->mu);
	}
	pthread_mutex_unlock(&c->mu);
	if (me.rc == -1)
		return err_set(e, "preuve invalide (engagements incorrects)");
	return 0;
}

int
vcombine_verify_tree(struct vcombine *c, const struct ballot_shape *s,
    const struct ballot_election *el, const struct jtree *t, jt_ref ballot,
    unsigned char *pts, struct err *e)
{
	struct proof_batch *b;
	int rc = -1;

	if (c == NULL)
		return ballot_verify_tree(s, el, t, ballot, pts, e);
	if ((b = proof_batch_new(el->y, NULL)) == NULL)
		return err_set(e, "vérification impossible");
	if (ballot_verify_collect(s, el, t, ballot, pts, b, e) == -1)
		goto out;
	if (vcombine_check(c, b, e) == -1) {
		ballot_verify_blame(s, el, t, ballot, e);
		goto out;
	}
	rc = 0;
out:
	proof_batch_free(b);
	return rc;
}

void
vcombine_stats(struct vcombine *c, struct vcombine_stats *out)
{
	pthread_mutex_lock(&c->mu);
	*out = c->st;
	pthread_mutex_unlock(&c->mu);
}
