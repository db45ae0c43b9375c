/* burst.c: casts per address and window, alert in the journal. */
#include "config.h"

#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>
#include <openssl/hmac.h>

#include "burst.h"
#include "db.h"
#include "group.h"
#include "journal.h"

#define BURST_MAC_LEN 16

struct burst_slot {
	unsigned char mac[BURST_MAC_LEN]; /* HMAC(key, address), truncated */
	uint64_t window;                  /* start of the window, unix time */
	unsigned casts;
};

struct burst_pending {
	pthread_mutex_t mu;
	struct burst_slot *slot;
	size_t n, cap;
	int64_t last; /* time of the last write claimed */
	int writing;  /* a thread holds the claim */
	int failing;  /* the last write failed (said once in the log) */
};

struct burst_pending *
burst_pending_new(void)
{
	struct burst_pending *p = calloc(1, sizeof(*p));

	if (p != NULL)
		pthread_mutex_init(&p->mu, NULL);
	return p;
}

void
burst_pending_free(struct burst_pending *p)
{
	if (p == NULL)
		return;
	pthread_mutex_destroy(&p->mu);
	free(p->slot);
	free(p);
}

/* Add casts to (mac, window); the mutex held. 0, or -1 when memory is
 * short (the count is dropped: an alert may come late, no vote is
 * touched). */
static int
burst_add(struct burst_pending *p, const unsigned char *mac, uint64_t window,
    unsigned casts)
{
	for (size_t i = 0; i < p->n; i++)
		if (p->slot[i].window == window &&
		    memcmp(p->slot[i].mac, mac, BURST_MAC_LEN) == 0) {
			p->slot[i].casts += casts;
			return 0;
		}
	if (p->n == p->cap) {
		size_t cap = p->cap ? p->cap * 2 : 16;
		struct burst_slot *s = realloc(p->slot, cap * sizeof(*s));
		if (s == NULL)
			return -1;
		p->slot = s;
		p->cap = cap;
	}
	memcpy(p->slot[p->n].mac, mac, BURST_MAC_LEN);
	p->slot[p->n].window = window;
	p->slot[p->n].casts = casts;
	p->n++;
	return 0;
}

/* The mutex held. */
static int
burst_claim(struct burst_pending *p, int64_t now)
{
	if (p->writing || p->n == 0 || now - p->last < BURST_FLUSH_S)
		return 0;
	p->writing = 1;
	p->last = now;
	return 1;
}

int
burst_count(struct burst_pending *p, const unsigned char key[32],
    const char *addr, int64_t now)
{
	unsigned char mac[32];
	unsigned int ml = sizeof(mac);
	int due;

	HMAC(EVP_sha256(), key, 32, (const unsigned char *)addr, strlen(addr),
	    mac, &ml);
	pthread_mutex_lock(&p->mu);
	burst_add(p, mac, (uint64_t)(now - now % BURST_WINDOW_S), 1);
	due = burst_claim(p, now);
	pthread_mutex_unlock(&p->mu);
	return due;
}

int
burst_due(struct burst_pending *p, int64_t now)
{
	int due;

	pthread_mutex_lock(&p->mu);
	due = burst_claim(p, now);
	pthread_mutex_unlock(&p->mu);
	return due;
}

/* One address and window: add, read the total, alert on the crossing.
 * Inside the caller's transaction, which holds the row's lock from the
 * upsert on: the total read is ours plus what was committed before. */
static int
burst_write(
    MYSQL *db, const struct burst_slot *s, unsigned threshold, struct err *e)
{
	long long total = 0;
	char hex[2 * BURST_MAC_LEN + 1], detail[256];

	if (db_run(db, e,
	        "INSERT INTO cast_burst (ip_hash, window_start, casts) VALUES "
	        "(?, ?, ?)"
	        " ON DUPLICATE KEY UPDATE casts = casts + VALUES(casts)",
	        "bUu", s->mac, (size_t)BURST_MAC_LEN, s->window,
	        s->casts) < 0 ||
	    db_fetch_int(db_query(db, e,
	                     "SELECT casts FROM cast_burst WHERE ip_hash = ?"
	                     " AND window_start = ?",
	                     "bU", s->mac, (size_t)BURST_MAC_LEN, s->window),
	        &total, e) != 1)
		return -1;
	/* Once per window: the write that takes the total to or past it. */
	if (threshold == 0 || total < (long long)threshold ||
	    total - s->casts >= (long long)threshold)
		return 0;
	group_hex(s->mac, BURST_MAC_LEN, hex);
	snprintf(detail, sizeof(detail),
	    "alerte : %lld votes depuis une même adresse en moins de "
	    "%d minutes (adresse %.8s…)",
	    total, BURST_WINDOW_S / 60, hex);
	return journal_append_tx(db, "web", "burst_alert", 0, detail, NULL, e);
}

/* Rows in one order in every worker: two writes never wait on each other
 * in a cycle. */
static int
burst_cmp(const void *a, const void *b)
{
	const struct burst_slot *x = a, *y = b;

	if (x->window != y->window)
		return x->window < y->window ? -1 : 1;
	return memcmp(x->mac, y->mac, BURST_MAC_LEN);
}

int
burst_flush(
    struct burst_pending *p, MYSQL *db, unsigned threshold, struct err *e)
{
	struct burst_slot *slot;
	size_t n;
	int rc = -1;

	/* Take the counts: casts counted meanwhile go to a fresh table. */
	pthread_mutex_lock(&p->mu);
	slot = p->slot;
	n = p->n;
	p->slot = NULL;
	p->n = p->cap = 0;
	pthread_mutex_unlock(&p->mu);
	if (n == 0) {
		rc = 0;
		goto out;
	}
	qsort(slot, n, sizeof(*slot), burst_cmp);
	if (db_exec(db, "START TRANSACTION", e) == -1)
		goto out;
	for (size_t i = 0; i < n; i++)
		if (burst_write(db, &slot[i], threshold, e) == -1) {
			mysql_rollback(db);
			goto out;
		}
	if (mysql_commit(db) != 0) {
		/* Commit outcome unknown: keeping the counts could count them
		 * twice, dropping them could miss an alert; an alert late is
		 * the lesser harm (it is not a vote). */
		err_set(e, "comptage par adresse : validation incertaine (%s)",
		    mysql_error(db));
		n = 0;
		goto out;
	}
	n = 0;
	rc = 0;
out:
	pthread_mutex_lock(&p->mu);
	/* Not written: back with those counted meanwhile, for the next write.
	 */
	for (size_t i = 0; i < n; i++)
		burst_add(p, slot[i].mac, slot[i].window, slot[i].casts);
	p->writing = 0;
	if (rc == 0)
		p->failing = 0;
	else if (p->failing)
		rc = -2; /* said already */
	else
		p->failing = 1;
	pthread_mutex_unlock(&p->mu);
	free(slot);
	return rc;
}
