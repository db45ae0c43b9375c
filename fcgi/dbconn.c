/* dbconn.c: per-thread database connections, reopened after a failure
 * (a reconnect invalidates prepared statements, so callers prepare per use
 * or re-prepare after a reconnect). */
#include "config.h"

#include <stdio.h>

#include "log.h"
#include "worker.h"

static MYSQL *
dbconn_get(MYSQL **slot, const struct db_params *p, char *why, size_t whylen)
{
	struct err e;

	if (*slot != NULL && mysql_ping(*slot) == 0)
		return *slot;
	if (*slot != NULL) {
		log_warn("base %s : connexion perdue, reconnexion", p->name);
		db_close(*slot);
	}
	*slot = db_connect(p, &e);
	if (*slot == NULL) {
		snprintf(why, whylen, "%s", e.msg);
		log_error("%s", e.msg);
	}
	return *slot;
}

MYSQL *
dbconn_electors(struct worker_thread *t)
{
	return dbconn_get(&t->electors, &t->wc->electors, t->electors_why,
	    sizeof(t->electors_why));
}

MYSQL *
dbconn_urn(struct worker_thread *t)
{
	return dbconn_get(&t->urn, &t->wc->urn, t->urn_why, sizeof(t->urn_why));
}

void
dbconn_close(struct worker_thread *t)
{
	db_close(t->electors);
	db_close(t->urn);
	t->electors = t->urn = NULL;
}
