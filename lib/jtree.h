/* jtree.h: a JSON reader for the cast's body (~130 kB, ~2,000 short
 * strings): parsed in place (strings decoded and NUL-terminated inside the
 * caller's buffer), one array of nodes for the whole document, no
 * allocation per value. It accepts and refuses exactly what
 * json_loadb(..., JSON_REJECT_DUPLICATES) does (RFC 8259, valid UTF-8,
 * no \u0000, no lone surrogate, no duplicate key, integers within long
 * long, no real overflow, depth at most 2048, an object or an array at
 * the top); tests/fuzz/fuzz-jtree.c checks both agree. One difference, on
 * purpose: jansson 2.14 skips a NUL byte that directly follows a number
 * or true/false/null (its look-ahead is put back as "nothing"), so it
 * takes "[1\0]"; we refuse every NUL byte outside a string, as in one. A tree
 * can also be built from a json_t, so that one verification code reads both. */
#ifndef ISOLOIR_JTREE_H
#define ISOLOIR_JTREE_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "err.h"

#define JT_NONE (-1)
#define JT_ROOT 0
#define JT_MAX_DEPTH 2048 /* jansson's JSON_PARSER_MAX_DEPTH */

typedef int32_t jt_ref; /* a node's index, or JT_NONE */

enum jt_type {
	JT_OBJECT = 1,
	JT_ARRAY,
	JT_STRING,
	JT_INTEGER,
	JT_REAL,
	JT_TRUE,
	JT_FALSE,
	JT_NULL
};

/* Nodes in document order: an object's members are each a key (a
 * JT_STRING node) followed by its value; end skips a whole value. */
struct jt_node {
	uint8_t type;
	uint32_t len; /* object: members, array: elements, string: bytes */
	uint32_t end; /* index of the first node after this value */
	union {
		const char *s; /* NUL-terminated (decoded, no NUL inside) */
		long long i;
	} v;
};

struct jtree {
	struct jt_node *n;
	size_t count, cap;
};

/* Parse buf[0..len) in place (buf is modified; strings point into it).
 * 0, or -1 with e set; t is empty on error. */
int jt_parse(struct jtree *t, char *buf, size_t len, struct err *e);
/* The tree of a json_t (strings point into j, which must outlive t). */
int jt_from_json(struct jtree *t, const json_t *j);
void jt_free(struct jtree *t);

/* Lookups; like jansson's, they answer JT_NONE / 0 / NULL on a node of
 * another type or on JT_NONE. */
jt_ref jt_get(const struct jtree *t, jt_ref obj, const char *key);
jt_ref jt_at(const struct jtree *t, jt_ref arr, size_t i);
int jt_is(const struct jtree *t, jt_ref r, enum jt_type type);
size_t jt_array_size(const struct jtree *t, jt_ref r);
size_t jt_object_size(const struct jtree *t, jt_ref r);
const char *jt_string(const struct jtree *t, jt_ref r);
long long jt_integer(const struct jtree *t, jt_ref r);

/* The bytes json_dumps(JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII)
 * gives for the same value, NUL-terminated, *len set if len is not NULL.
 * NULL on a real (a ballot has none: it is refused before) or no memory. */
char *jt_canonical(const struct jtree *t, jt_ref r, size_t *len);

#endif
