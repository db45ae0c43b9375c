/* health.c: health report of both databases for /healthz. */
#include "config.h"

#include <string.h>

#include "db.h"
#include "health.h"

static json_t *
health_db(MYSQL *m, const char *why, int expected)
{
	struct err e;
	int version = 0;

	if (m == NULL)
		return json_pack("{s:s, s:s}", "status", "down", "error",
		    why != NULL ? why : "non connectée");
	if (mysql_ping(m) != 0)
		return json_pack("{s:s, s:s}", "status", "down", "error", mysql_error(m));
	if (db_schema_version(m, &version, &e) == -1)
		return json_pack("{s:s, s:s}", "status", "down", "error", e.msg);
	return json_pack("{s:s, s:i, s:i}",
	    "status", version == expected ? "ok" : "schema-mismatch",
	    "schema", version, "expected", expected);
}

json_t *
health_report(MYSQL *electors, const char *electors_why, MYSQL *urn,
    const char *urn_why)
{
	json_t *el = health_db(electors, electors_why, HEALTH_SCHEMA_ELECTORS);
	json_t *ur = health_db(urn, urn_why, HEALTH_SCHEMA_URN);
	int ok = strcmp(json_string_value(json_object_get(el, "status")), "ok") == 0 &&
	    strcmp(json_string_value(json_object_get(ur, "status")), "ok") == 0;

	return json_pack("{s:s, s:o, s:o}", "status", ok ? "ok" : "degraded",
	    "electors", el, "urn", ur);
}

int
health_ok(const json_t *report)
{
	const char *s = json_string_value(json_object_get(report, "status"));

	return s != NULL && strcmp(s, "ok") == 0;
}
