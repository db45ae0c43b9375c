/* health.h: the health report of /healthz and `scripts/stack status`:
 * each database's reachability and schema version, as JSON. */
#ifndef ISOLOIR_HEALTH_H
#define ISOLOIR_HEALTH_H

#include <jansson.h>
#include <mysql.h>

/* Expected schema versions: the highest migration shipped in schema/. */
#define HEALTH_SCHEMA_ELECTORS 21
#define HEALTH_SCHEMA_URN 8

/* Build {"status":"ok"|"degraded","electors":{...},"urn":{...}}; a NULL
 * connection is reported as down with `why`. Returns a new reference. */
json_t *health_report(MYSQL *electors, const char *electors_why,
    MYSQL *urn, const char *urn_why);
/* 1 when the report says every component is ok. */
int health_ok(const json_t *report);

#endif
