/* fuzz-jtree: lib/jtree.c, the reader of the cast's body, against jansson
 * which it replaced there. Invariants: jt_parse accepts exactly what
 * json_loadb(JSON_REJECT_DUPLICATES) accepts, but for one quirk of
 * jansson refused on purpose (a NUL byte right after a number or a
 * literal, which jansson skips: lib/jtree.h); when both accept, the
 * canonical text (jt_canonical) is json_dumps(COMPACT | SORT_KEYS |
 * ENSURE_ASCII)'s byte for byte (jt_canonical refuses only a document with
 * a real), and the tree built from jansson's json_t is the same tree. */
#include "config.h"

#include "fuzz.h"
#include "jtree.h"

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *j = fuzz_json(data, size);
	char *copy = malloc(size + 1), *a, *b, *c;
	struct jtree t, u;
	struct err e;
	int ok, real = 0;

	FUZZ_CHECK(copy != NULL);
	memcpy(copy, data, size);
	ok = jt_parse(&t, copy, size, &e) == 0;
	FUZZ_NOTE(
	    "jtree %d (%s), jansson %d\n", ok, ok ? "" : e.msg, j != NULL);
	FUZZ_CHECK(ok == (j != NULL) || (!ok && memchr(data, 0, size) != NULL));
	if (ok && j != NULL) {
		for (size_t i = 0; i < t.count; i++)
			real |= t.n[i].type == JT_REAL;
		a = json_dumps(
		    j, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII);
		b = jt_canonical(&t, JT_ROOT, NULL);
		FUZZ_CHECK(a != NULL && (b == NULL) == real);
		FUZZ_CHECK(b == NULL || strcmp(a, b) == 0);
		FUZZ_CHECK(jt_from_json(&u, j) == 0 && u.count == t.count);
		for (size_t i = 0; i < t.count; i++)
			FUZZ_CHECK(u.n[i].type == t.n[i].type &&
			           u.n[i].end == t.n[i].end &&
			           u.n[i].len == t.n[i].len);
		c = jt_canonical(&u, JT_ROOT, NULL);
		FUZZ_CHECK((b == NULL && c == NULL) ||
		           (b != NULL && c != NULL && strcmp(b, c) == 0));
		free(a);
		free(b);
		free(c);
		jt_free(&u);
		jt_free(&t);
	}
	json_decref(j);
	free(copy);
	return 0;
}
