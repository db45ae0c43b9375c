/* conf.h: the INI-like isoloir.conf: "[section]" headers, "key = value"
 * lines, '#' or ';' comments. Errors name the file and line. */
#ifndef ISOLOIR_CONF_H
#define ISOLOIR_CONF_H

#include <stddef.h>

#include "err.h"

struct conf;

/* Parse a file; NULL and e filled on error (unreadable, syntax, duplicate). */
struct conf *conf_load(const char *path, struct err *e);
/* Parse text in memory; name is used in error messages. */
struct conf *conf_parse(const char *text, const char *name, struct err *e);
void conf_free(struct conf *c);

/* Value of section.key, or NULL when absent. */
const char *conf_get(const struct conf *c, const char *section, const char *key);
/* Value or def when absent. */
const char *conf_get_def(const struct conf *c, const char *section,
    const char *key, const char *def);
/* Required string: -1 with "section.key manquant" style error when absent. */
int conf_need(const struct conf *c, const char *section, const char *key,
    const char **out, struct err *e);
/* Integer in [min, max]; def when absent; -1 when not a number or out of range. */
int conf_get_int(const struct conf *c, const char *section, const char *key,
    long def, long min, long max, long *out, struct err *e);

/* Exactly len bytes written as 2*len hex digits; -1 when absent or bad. */
int conf_get_hex(const struct conf *c, const char *section, const char *key,
    unsigned char *out, size_t len, struct err *e);

/* The items in file order, for files whose sections repeat a pattern
 * (lib/opdef.c): item i of conf_count(); returns its line number. */
size_t conf_count(const struct conf *c);
int conf_item(const struct conf *c, size_t i, const char **section, const char **key,
    const char **value);
/* Line of the first "[section]" header, or 0 when there is none. */
int conf_section_line(const struct conf *c, const char *section);

#endif
