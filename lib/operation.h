/* operation.h: the election operation the voting site serves: name and
 * calendar (R-ORG-4), read from the electors database. */
#ifndef ISOLOIR_OPERATION_H
#define ISOLOIR_OPERATION_H

#include <jansson.h>
#include <mysql.h>

#include "calendar.h"
#include "err.h"

struct operation {
	unsigned id;
	char code[65];
	char name[256];
	struct calendar cal;
};

/* The operation with this code, or the first one (lowest id) when code is
 * NULL. -1 with e filled when there is none or the database fails. */
int operation_load(MYSQL *db, const char *code, struct operation *op, struct err *e);
/* Public description: {"nom","ouverture","cloture" (ISO 8601 UTC),
 * "prolongation_minutes","phase","etat"}. */
json_t *operation_public(const struct operation *op, int64_t now);

/* A setting's JSON_EXTRACT value read as yes/no: 1 only for JSON true
 * (v NULL: absent). The one reading of every setting query. */
int operation_setting_on(const char *v);
/* A yes/no setting of the operation description file ([reglages]):
 * *on 1 only when set to true. */
int operation_setting(MYSQL *db, unsigned op, const char *key, int *on, struct err *e);
/* The same read for a caller's query: sql selects JSON_EXTRACT(settings, ?)
 * for one id (the JSON path, then id, are its parameters); *found 0 when
 * no row. */
int operation_setting_query(MYSQL *db, const char *sql, unsigned id, const char *key, int *on,
    int *found, struct err *e);

#endif
