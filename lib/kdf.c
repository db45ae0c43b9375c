/* kdf.c: Argon2id computations, in the caller or on a pool of threads
 * (kdf.h). */
#include "config.h"

#include <argon2.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif

#include "kdf.h"

#define KDF_MAX_THREADS 16
/* Above this, the memory a computation leaves in its thread's arena is
 * given back at once (bureau codes, 32 MiB: rare); below, it is kept
 * for the next computation, which then takes no page fault. */
#define KDF_KEEP_KIB 8192

struct kdf_job {
	const char *encoded; /* verify; NULL: hash */
	const void *pw, *salt;
	size_t pwlen, saltlen, hashlen, outlen;
	uint32_t t_cost, m_kib, lanes;
	char *out;
	int rc, done;
	struct kdf_job *next;
};

static pthread_mutex_t kdf_mu = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t kdf_work =
    PTHREAD_COND_INITIALIZER; /* a job queued, or stop */
static pthread_cond_t kdf_done = PTHREAD_COND_INITIALIZER; /* a job finished */
static struct kdf_job *kdf_head, **kdf_tail = &kdf_head;
static pthread_t kdf_threads[KDF_MAX_THREADS];
static unsigned kdf_nthreads, kdf_active, kdf_peak_seen;
static int kdf_stopping;

/* The memory cost of a job in KiB (a verification's from its string). */
static unsigned long
kdf_job_kib(const struct kdf_job *j)
{
	const char *m;

	if (j->encoded == NULL)
		return j->m_kib;
	m = strstr(j->encoded, "$m=");
	return m != NULL ? strtoul(m + 3, NULL, 10) : 0;
}

/* Called with kdf_mu held; returns with it held. */
static void
kdf_compute(struct kdf_job *j)
{
	if (++kdf_active > kdf_peak_seen)
		kdf_peak_seen = kdf_active;
	pthread_mutex_unlock(&kdf_mu);
	if (j->encoded != NULL)
		j->rc = argon2id_verify(j->encoded, j->pw, j->pwlen);
	else
		j->rc = argon2id_hash_encoded(j->t_cost, j->m_kib, j->lanes,
		    j->pw, j->pwlen, j->salt, j->saltlen, j->hashlen, j->out,
		    j->outlen);
#ifdef __GLIBC__
	if (kdf_job_kib(j) > KDF_KEEP_KIB)
		malloc_trim(0);
#endif
	pthread_mutex_lock(&kdf_mu);
	kdf_active--;
}

static void *
kdf_thread(void *arg)
{
	(void)arg;
	pthread_mutex_lock(&kdf_mu);
	for (;;) {
		struct kdf_job *j;
		while (kdf_head == NULL && !kdf_stopping)
			pthread_cond_wait(&kdf_work, &kdf_mu);
		if (kdf_head == NULL)
			break;
		j = kdf_head;
		if ((kdf_head = j->next) == NULL)
			kdf_tail = &kdf_head;
		kdf_compute(j);
		j->done = 1;
		pthread_cond_broadcast(&kdf_done);
	}
	pthread_mutex_unlock(&kdf_mu);
	return NULL;
}

int
kdf_pool_start(unsigned k, struct err *e)
{
	if (k < 1 || k > KDF_MAX_THREADS)
		return err_set(
		    e, "nombre de fils de calcul Argon2id invalide : %u", k);
	pthread_mutex_lock(&kdf_mu);
	kdf_stopping = 0;
	kdf_peak_seen = kdf_active;
	while (kdf_nthreads < k) {
		if (pthread_create(&kdf_threads[kdf_nthreads], NULL, kdf_thread,
		        NULL) != 0)
			break;
		kdf_nthreads++;
	}
	pthread_mutex_unlock(&kdf_mu);
	if (kdf_nthreads < k) {
		kdf_pool_stop();
		return err_set(
		    e, "fils de calcul Argon2id : création impossible");
	}
	return 0;
}

void
kdf_pool_stop(void)
{
	unsigned n;

	pthread_mutex_lock(&kdf_mu);
	kdf_stopping = 1;
	n = kdf_nthreads;
	pthread_cond_broadcast(&kdf_work);
	pthread_mutex_unlock(&kdf_mu);
	for (unsigned i = 0; i < n; i++)
		pthread_join(kdf_threads[i], NULL);
	pthread_mutex_lock(&kdf_mu);
	kdf_nthreads = 0;
	pthread_mutex_unlock(&kdf_mu);
}

/* In the pool when there is one, else here. */
static int
kdf_run(struct kdf_job *j)
{
	pthread_mutex_lock(&kdf_mu);
	if (kdf_nthreads == 0 || kdf_stopping) {
		kdf_compute(j);
	} else {
		j->next = NULL;
		*kdf_tail = j;
		kdf_tail = &j->next;
		pthread_cond_signal(&kdf_work);
		while (!j->done)
			pthread_cond_wait(&kdf_done, &kdf_mu);
	}
	pthread_mutex_unlock(&kdf_mu);
	return j->rc;
}

int
kdf_verify(const char *encoded, const void *pw, size_t pwlen)
{
	struct kdf_job j = {.encoded = encoded, .pw = pw, .pwlen = pwlen};

	return kdf_run(&j);
}

int
kdf_hash_encoded(uint32_t t_cost, uint32_t m_kib, uint32_t lanes,
    const void *pw, size_t pwlen, const void *salt, size_t saltlen,
    size_t hashlen, char *out, size_t outlen)
{
	struct kdf_job j = {.pw = pw,
	    .pwlen = pwlen,
	    .salt = salt,
	    .saltlen = saltlen,
	    .hashlen = hashlen,
	    .t_cost = t_cost,
	    .m_kib = m_kib,
	    .lanes = lanes,
	    .out = out,
	    .outlen = outlen};

	return kdf_run(&j);
}

unsigned
kdf_peak(void)
{
	unsigned p;

	pthread_mutex_lock(&kdf_mu);
	p = kdf_peak_seen;
	pthread_mutex_unlock(&kdf_mu);
	return p;
}
