/* buf.h: growable byte buffer, always NUL-terminated so text can be used
 * directly as a C string. */
#ifndef ISOLOIR_BUF_H
#define ISOLOIR_BUF_H

#include <stddef.h>

struct buf {
	char *data;
	size_t len;
	size_t cap;
};

#define BUF_INIT { NULL, 0, 0 }

void buf_append(struct buf *b, const void *p, size_t n);
void buf_puts(struct buf *b, const char *s);
void buf_putc(struct buf *b, char c);
void buf_printf(struct buf *b, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
/* Append s escaped for HTML text and attribute values. */
void buf_put_html(struct buf *b, const char *s);
void buf_reset(struct buf *b);
/* Hand the data over to the caller (never NULL) and reset b. */
char *buf_take(struct buf *b);
void buf_free(struct buf *b);

#endif
