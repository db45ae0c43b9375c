/* board_pool.c: a ring of slots between the board's reader and worker
 * threads, results taken back in board order (board_pool.h). */
#include "config.h"

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "board_pool.h"
#include "xmalloc.h"

enum { SLOT_FREE, SLOT_QUEUED, SLOT_DONE };

struct bslot {
	char *raw;
	size_t len, cap;
	int st;
	void *res;
};

struct bworker {
	struct bpool *p;
	void *ws;
};

struct bpool {
	pthread_mutex_t mu;
	pthread_cond_t queued; /* a ballot queued, or stop */
	pthread_cond_t done;   /* a ballot checked */
	struct bslot *slots;
	unsigned char *res;
	/* ballots [head, put) are in the ring: [head, next) handed to a
	 * worker, [next, put) waiting for one */
	size_t nslots, head, next, put;
	int stop, failed;
	unsigned started;
	pthread_t th[BPOOL_MAX_JOBS];
	struct bworker w[BPOOL_MAX_JOBS];
	bpool_work_fn work;
	bpool_take_fn take;
	void *arg;
	struct err err; /* the take that said stop */
};

unsigned
bpool_jobs(unsigned jobs)
{
	if (jobs == 0) {
		long c = sysconf(_SC_NPROCESSORS_ONLN);
		jobs = c > 0 ? (unsigned)c : 1;
	}
	return jobs > BPOOL_MAX_JOBS ? BPOOL_MAX_JOBS : jobs;
}

static void *
bpool_worker(void *arg)
{
	struct bworker *w = arg;
	struct bpool *p = w->p;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		struct bslot *s;
		size_t i;
		while (!p->stop && p->next == p->put)
			pthread_cond_wait(&p->queued, &p->mu);
		if (p->stop)
			break;
		i = p->next++;
		s = &p->slots[i % p->nslots];
		/* the slot is this worker's until marked done: the reader
		 * does not reuse it before its result is taken */
		pthread_mutex_unlock(&p->mu);
		p->work(w->ws, i, s->raw, s->len, s->res);
		pthread_mutex_lock(&p->mu);
		s->st = SLOT_DONE;
		pthread_cond_broadcast(&p->done);
	}
	pthread_mutex_unlock(&p->mu);
	return NULL;
}

struct bpool *
bpool_new(unsigned jobs, void **ws, size_t res_size, bpool_work_fn work,
    bpool_take_fn take, void *arg)
{
	struct bpool *p = xcalloc(1, sizeof(*p));

	jobs = bpool_jobs(jobs);
	pthread_mutex_init(&p->mu, NULL);
	pthread_cond_init(&p->queued, NULL);
	pthread_cond_init(&p->done, NULL);
	p->nslots = (size_t)jobs * BPOOL_SLOTS_PER_JOB;
	p->slots = xcalloc(p->nslots, sizeof(*p->slots));
	p->res = xcalloc(p->nslots, res_size ? res_size : 1);
	for (size_t k = 0; k < p->nslots; k++)
		p->slots[k].res = p->res + k * res_size;
	p->work = work;
	p->take = take;
	p->arg = arg;
	for (unsigned j = 0; j < jobs; j++) {
		p->w[j].p = p;
		p->w[j].ws = ws[j];
		if (pthread_create(&p->th[j], NULL, bpool_worker, &p->w[j]) !=
		    0)
			break;
		p->started++;
	}
	if (p->started == 0) {
		bpool_free(p);
		return NULL;
	}
	return p;
}

/* Take the results ready at the head of the ring, in order (lock held). */
static int
bpool_drain(struct bpool *p)
{
	while (p->head < p->put) {
		struct bslot *s = &p->slots[p->head % p->nslots];
		if (s->st != SLOT_DONE)
			break;
		s->st = SLOT_FREE;
		if (p->take(p->arg, p->head++, s->res, &p->err) == -1) {
			p->failed = 1;
			return -1;
		}
	}
	return 0;
}

int
bpool_put(struct bpool *p, size_t i, const char *raw, size_t len, struct err *e)
{
	struct bslot *s;
	int rc = -1;

	pthread_mutex_lock(&p->mu);
	if (i != p->put) {
		err_set(e, "bulletin n° %zu hors de son rang", i + 1);
		goto out;
	}
	for (;;) {
		if (p->failed || bpool_drain(p) == -1) {
			*e = p->err;
			goto out;
		}
		if (p->put - p->head < p->nslots)
			break;
		pthread_cond_wait(&p->done, &p->mu);
	}
	s = &p->slots[p->put % p->nslots];
	if (s->cap < len + 1) {
		s->cap = len + 1;
		free(s->raw);
		s->raw = xmalloc(s->cap);
	}
	memcpy(s->raw, raw, len);
	s->raw[len] = '\0';
	s->len = len;
	s->st = SLOT_QUEUED;
	p->put++;
	pthread_cond_signal(&p->queued);
	rc = 0;
out:
	pthread_mutex_unlock(&p->mu);
	return rc;
}

int
bpool_finish(struct bpool *p, struct err *e)
{
	int rc = 0;

	pthread_mutex_lock(&p->mu);
	for (;;) {
		if (p->failed || bpool_drain(p) == -1) {
			*e = p->err;
			rc = -1;
			break;
		}
		if (p->head == p->put)
			break;
		pthread_cond_wait(&p->done, &p->mu);
	}
	pthread_mutex_unlock(&p->mu);
	return rc;
}

void
bpool_free(struct bpool *p)
{
	if (p == NULL)
		return;
	pthread_mutex_lock(&p->mu);
	p->stop = 1;
	pthread_cond_broadcast(&p->queued);
	pthread_mutex_unlock(&p->mu);
	for (unsigned j = 0; j < p->started; j++)
		pthread_join(p->th[j], NULL);
	for (size_t k = 0; k < p->nslots; k++)
		free(p->slots[k].raw);
	free(p->slots);
	free(p->res);
	pthread_cond_destroy(&p->queued);
	pthread_cond_destroy(&p->done);
	pthread_mutex_destroy(&p->mu);
	free(p);
}
