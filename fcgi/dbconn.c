/* dbconn.c: per-thread database connections, checked once per request and
 * reopened after a failure. A connection made again is a new MYSQL: the
 * statements lib/db.c kept prepared on the old one went with its
 * db_close(), so none is ever executed on the new one; nor is anything the
 * thread's casts kept (lib/castcache.h) carried over to it. */
#include "config.h"

#include <stdio.h>

#include "burst.h"
#include "log.h"
#include "worker.h"

/* The first use in a request pings the server (one round trip) and
 * reconnects when it is gone (a crash, a failover, R-OPS-2); later uses in
 * the same request trust it: a server lost in between fails that request's
 * statement, which every caller answers with a 503 to retry (a cast is
 * atomic whatever step fails, lib/cast.c), and the next request reconnects.
 * A ping per use cost ~8 round trips per cast for nothing. */
static MYSQL *
dbconn_get(MYSQL **slot, int *checked, const struct db_params *p, char *why,
    size_t whylen, struct castcache *kept)
{
	struct err e;

	if (*slot != NULL && *checked)
		return *slot;
	if (*slot != NULL && mysql_ping(*slot) == 0) {
		*checked = 1;
		return *slot;
	}
	if (*slot != NULL) {
		log_warn("base %s : connexion perdue, reconnexion", p->name);
		db_close(*slot);
	}
	/* Another connection may reach another server (a failover): the
	 * casts' locked read would catch a difference anyway, but nothing
	 * read on the old one is kept. */
	if (kept != NULL)
		castcache_clear(kept);
	*slot = db_connect(p, &e);
	*checked = *slot != NULL;
	if (*slot == NULL) {
		snprintf(why, whylen, "%s", e.msg);
		log_error("%s", e.msg);
	}
	return *slot;
}

MYSQL *
dbconn_electors(struct worker_thread *t)
{
	return dbconn_get(&t->electors, &t->electors_checked, &t->wc->electors,
	    t->electors_why, sizeof(t->electors_why), &t->cache);
}

MYSQL *
dbconn_urn(struct worker_thread *t)
{
	return dbconn_get(&t->urn, &t->urn_checked, &t->wc->urn, t->urn_why,
	    sizeof(t->urn_why), NULL);
}

void
dbconn_new_request(struct worker_thread *t)
{
	t->electors_checked = t->urn_checked = 0;
}

void
dbconn_close(struct worker_thread *t)
{
	db_close(t->electors);
	db_close(t->urn);
	t->electors = t->urn = NULL;
	castcache_clear(&t->cache);
	dbconn_new_request(t);
}

/* Written beside the connections it uses (and so compiled into the
 * fuzz-fcgi-request target with api_vote.c, which calls it). */
void
worker_burst_flush(struct worker_thread *t)
{
	struct err e;

	/* A NULL connection (the electors database gone, R-OPS-2) fails like
	 * a lost server: the counts wait for the next write. */
	if (burst_flush(t->wc->burst, dbconn_electors(t), (unsigned)t->wc->burst_casts, &e) == -1)
		log_warn("comptage des votes par adresse : %s", e.msg);
}
