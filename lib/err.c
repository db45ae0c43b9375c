/* err.c: error strings for the 0 / -1 convention of lib/. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "err.h"

int
err_set(struct err *e, const char *fmt, ...)
{
	va_list ap;

	if (e == NULL)
		return -1;
	e->code = 0;
	va_start(ap, fmt);
	vsnprintf(e->msg, sizeof(e->msg), fmt, ap);
	va_end(ap);
	return -1;
}

int
err_prefix(struct err *e, const char *fmt, ...)
{
	char head[ERR_MSG_MAX], old[ERR_MSG_MAX];
	va_list ap;

	if (e == NULL)
		return -1;
	va_start(ap, fmt);
	vsnprintf(head, sizeof(head), fmt, ap);
	va_end(ap);
	memcpy(old, e->msg, sizeof(old));
	/* Truncation of an over-long message is acceptable. */
	size_t hl = strnlen(head, sizeof(e->msg) - 1);
	memcpy(e->msg, head, hl);
	size_t ol = strnlen(old, sizeof(e->msg) - 1 - hl);
	memcpy(e->msg + hl, old, ol);
	e->msg[hl + ol] = '\0';
	return -1;
}

void
err_clear(struct err *e)
{
	if (e != NULL) {
		e->msg[0] = '\0';
		e->code = 0;
	}
}
