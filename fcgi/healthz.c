/* healthz.c: GET /healthz: both databases reachable, schema as expected. */
#include "config.h"

#include "health.h"
#include "worker.h"

void
healthz_handle(struct req *r)
{
	struct worker_thread *t = r->t;
	MYSQL *el = dbconn_electors(t);
	MYSQL *urn = dbconn_urn(t);
	json_t *report = health_report(el, t->electors_why, urn, t->urn_why);

	resp_json(r, health_ok(report) ? 200 : 503, report);
}
