/* err.c: error strings for the 0 / -1 convention of lib/. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "err.h"
#include "text.h"

/* A message cut at ERR_MSG_MAX, or holding a fragment that another
 * library cut (jansson's error texts), may end or break in the middle of
 * a UTF-8 character; the message is shown to people and written to
 * journals as UTF-8: each byte that starts no valid character becomes
 * '?'. Found by tests/fuzz/fuzz-board.c. */
static void
err_utf8_fix(char *s)
{
	size_t n = strlen(s);

	for (size_t i = 0; i < n;) {
		size_t len = 1;
		if ((unsigned char)s[i] >= 0x80) {
			for (len = 2; len <= 4 && !(i + len <= n && text_utf8_valid(s + i, len)); len++)
				;
			if (len > 4) {
				s[i] = '?';
				len = 1;
			}
		}
		i += len;
	}
}

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
	err_utf8_fix(e->msg);
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
	err_utf8_fix(e->msg);
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
