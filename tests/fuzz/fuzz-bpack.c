/* fuzz-bpack: lib/bpack.c, which reads what is stored in the urn.
 * Invariants: bpack_unpack is total on any bytes and, when it accepts,
 * gives printable ASCII within its bound; any printable text comes back
 * from bpack_pack then bpack_unpack byte for byte (other text is refused
 * by bpack_pack), the input itself and, when it is JSON, its canonical
 * form (json_dumps(COMPACT | SORT_KEYS | ENSURE_ASCII), as cast). */
#include "config.h"

#include "bpack.h"
#include "fuzz.h"

static int
printable(const uint8_t *d, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (d[i] < 0x20 || d[i] >= 0x7f)
			return 0;
	return 1;
}

/* pack then unpack: s must come back as it was. Only printable text
 * packs: a canonical form may hold DEL (0x7f, which jansson does not
 * escape), never one of a ballot that verifies (§6: hex strings only). */
static void
round_trip(const char *s, size_t n)
{
	unsigned char *p = malloc(BPACK_BOUND(n));
	size_t pl = 0, tl = 0;
	struct err e;
	char *t;

	FUZZ_CHECK(p != NULL);
	if (!printable((const uint8_t *)s, n)) {
		FUZZ_CHECK(bpack_pack(s, n, p, &pl, &e) == -1);
		free(p);
		return;
	}
	FUZZ_CHECK(bpack_pack(s, n, p, &pl, &e) == 0);
	FUZZ_CHECK(pl <= BPACK_BOUND(n) && p[0] == BPACK_V1);
	t = bpack_unpack(p, pl, &tl, &e);
	FUZZ_CHECK(t != NULL && tl == n && memcmp(t, s, n) == 0);
	free(t);
	free(p);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t tl = 0;
	struct err e;
	char *t = bpack_unpack(data, size, &tl, &e), *canon;
	json_t *j;

	FUZZ_NOTE("unpack: %s\n", t != NULL ? "accepted" : e.msg);
	if (t != NULL) {
		FUZZ_CHECK(tl <= 2 * size && t[tl] == '\0');
		/* an old body (first byte '{') is taken as it is */
		FUZZ_CHECK(data[0] == '{' || printable((uint8_t *)t, tl));
		free(t);
	}
	round_trip((const char *)data, size);
	if ((j = fuzz_json(data, size)) != NULL) {
		canon = json_dumps(
		    j, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII);
		FUZZ_CHECK(canon != NULL);
		round_trip(canon, strlen(canon));
		free(canon);
		json_decref(j);
	}
	return 0;
}
