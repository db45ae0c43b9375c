/* xmalloc.h: allocation wrappers for programs: they abort on out-of-memory,
 * since no caller could recover sensibly and a NULL check everywhere hides
 * real errors. Secrets are wiped before they are freed (xfree_secret). */
#ifndef ISOLOIR_XMALLOC_H
#define ISOLOIR_XMALLOC_H

#include <stddef.h>

void *xmalloc(size_t n);
void *xcalloc(size_t nmemb, size_t size);
void *xrealloc(void *p, size_t n);
void *xreallocarray(void *p, size_t nmemb, size_t size);
char *xstrdup(const char *s);
char *xstrndup(const char *s, size_t n);
char *xasprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Wipe n bytes with OPENSSL_cleanse, then free. */
void xfree_secret(void *p, size_t n);

#endif
