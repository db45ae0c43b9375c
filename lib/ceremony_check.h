/* ceremony_check.h: the checks and actions of the ceremonies' steps
 * (lib/ceremony_check.c), private to lib/ceremony*.c. */
#ifndef ISOLOIR_CEREMONY_CHECK_H
#define ISOLOIR_CEREMONY_CHECK_H

#include <jansson.h>
#include <mysql.h>

#include "ceremony.h"

struct cer_ctx {
	MYSQL *el, *urn;
	const struct cer_step_req *req;
	const char *actor;
	unsigned scrutin;
	enum cer_kind kind;
	char label[LC_LABEL_MAX];
};

/* Run the check or action `key` of ctx->kind; result in French. */
int cer_check_run(const struct cer_ctx *ctx, const char *key,
    char result[CER_RESULT_MAX], struct err *e);
/* The state an action step moves the scrutin to; -1 for other steps. */
int cer_action_target(enum cer_kind k, const char *key, enum lc_state *to);

/* Rows of a query with one unsigned parameter, every column as a string
 * (NULL as null): [[...],...]. */
json_t *cer_rows(
    MYSQL *m, struct err *e, const char *sql, unsigned id, unsigned ncols);
/* The string at row, col ("" when absent or null). */
const char *cer_cell(json_t *rows, size_t row, size_t col);

#endif
