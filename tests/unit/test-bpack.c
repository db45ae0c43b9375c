/* test-bpack.c: lib/bpack.c, the packed form of ballot bodies in the urn
 * (docs/protocol.md §9.3): round trips on the vectors' canonical ballots
 * and on texts built to trouble the lexer, what is packed and what stays
 * text, and every refusal of the unpacker. */
#include "config.h"

#include <glob.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "ballot.h"
#include "bpack.h"
#include "cu.h"

/* pack then unpack s: 1 when it comes back byte for byte; the packed form
 * in *packed (to free) when asked. */
static int
round_trip(const char *s, size_t n, unsigned char **packed, size_t *plen)
{
	unsigned char *p = malloc(BPACK_BOUND(n));
	size_t pl = 0, tl = 0;
	struct err e;
	char *t;
	int ok;

	if (bpack_pack(s, n, p, &pl, &e) == -1) {
		free(p);
		return 0;
	}
	t = bpack_unpack(p, pl, &tl, &e);
	ok = t != NULL && tl == n && memcmp(t, s, n) == 0 && t[n] == '\0' &&
	     pl <= BPACK_BOUND(n);
	free(t);
	if (packed != NULL)
		*packed = p;
	else
		free(p);
	if (plen != NULL)
		*plen = pl;
	return ok;
}

/* pack(s) must be exactly want (wl bytes). */
static void
expect_packed(const char *s, const char *want, size_t wl)
{
	unsigned char *p = NULL;
	size_t pl = 0;

	CU_ASSERT_TRUE(round_trip(s, strlen(s), &p, &pl));
	CU_ASSERT_EQUAL(pl, wl);
	CU_ASSERT_TRUE(p != NULL && pl == wl && memcmp(p, want, wl) == 0);
	free(p);
}

/* unpack(b) must refuse, with a message. */
static void
expect_refused(const char *b, size_t n)
{
	struct err e = {"", 0};
	size_t tl = 99;

	CU_ASSERT_PTR_NULL(bpack_unpack((const unsigned char *)b, n, &tl, &e));
	CU_ASSERT_NOT_EQUAL(e.msg[0], '\0');
}

static void
test_bpack_vectors_round_trip_at_half_size(void)
{
	glob_t g;
	char pat[4096];
	const char *src = getenv("ISOLOIR_SRCDIR");

	snprintf(pat, sizeof(pat), "%s/tests/vectors/*ballot-*.json",
	    src ? src : ".");
	CU_ASSERT_EQUAL_FATAL(glob(pat, 0, NULL, &g), 0);
	CU_ASSERT_TRUE(g.gl_pathc >= 3);
	for (size_t i = 0; i < g.gl_pathc; i++) {
		json_t *v = json_load_file(g.gl_pathv[i], 0, NULL), *b;
		unsigned char *p = NULL, t1[32], t2[32];
		char *canon, *back;
		size_t pl = 0, cl, tl = 0;
		struct err e;

		CU_ASSERT_PTR_NOT_NULL_FATAL(v);
		canon = ballot_canonical(json_object_get(v, "ballot"));
		CU_ASSERT_PTR_NOT_NULL_FATAL(canon);
		cl = strlen(canon);
		CU_ASSERT_TRUE(round_trip(canon, cl, &p, &pl));
		/* nearly all hex: the stored body is about half the text */
		CU_ASSERT_TRUE(pl * 100 < cl * 55);
		printf("\n  %s: %zu -> %zu bytes ",
		    strrchr(g.gl_pathv[i], '/') + 1, cl, pl);
		back = bpack_unpack(p, pl, &tl, &e);
		CU_ASSERT_PTR_NOT_NULL_FATAL(back);
		ballot_tracker(canon, t1);
		ballot_tracker(back, t2);
		CU_ASSERT_EQUAL(memcmp(t1, t2, 32), 0);
		b = bpack_json(p, pl, &e);
		CU_ASSERT_TRUE(json_equal(b, json_object_get(v, "ballot")));
		json_decref(b);
		free(back);
		free(p);
		free(canon);
		json_decref(v);
	}
	globfree(&g);
}

static void
test_bpack_text_without_hex_is_copied(void)
{
	const char *s = "{\"choices\":[],\"scrutin\":12,\"version\":3}";
	char want[64];

	want[0] = BPACK_V1;
	memcpy(want + 1, s, strlen(s));
	expect_packed(s, want, strlen(s) + 1);
	expect_packed("", "\x01", 1);
}

static void
test_bpack_every_hex_string_keys_too(void)
{
	/* "ab" a key, "0f" a value, "a" odd, "AB" upper case, "" empty */
	expect_packed("{\"a\":\"abc\",\"ab\":\"0f\",\"B\":\"AB\",\"x\":\"\"}",
	    "\x01{\"a\":\"abc\",\x02\x01\xab:\x02\x01\x0f,\"B\":\"AB\",\"x\":"
	    "\"\"}",
	    36);
	expect_packed("[\"0123456789abcdef\"]",
	    "\x01[\x02\x08\x01\x23\x45\x67\x89\xab\xcd\xef]", 13);
	/* a hex prefix, then other characters: the whole string stays */
	expect_packed("[\"abcg\",\"ab cd\",\"aB\"]",
	    "\x01[\"abcg\",\"ab cd\",\"aB\"]", 22);
}

/* A string of d digits ('e') in brackets: packed only when d is even and
 * at most 510. */
static void
test_bpack_longest_run_is_255_bytes(void)
{
	char s[600];
	unsigned char *p;
	size_t pl;

	for (size_t d = 508; d <= 513; d++) {
		s[0] = '[';
		s[1] = '"';
		memset(s + 2, 'e', d);
		memcpy(s + 2 + d, "\"]", 3);
		p = NULL;
		CU_ASSERT_TRUE(round_trip(s, d + 4, &p, &pl));
		if (d % 2 == 0 && d <= 510) {
			CU_ASSERT_TRUE(pl == 2 + 2 + d / 2 + 1 &&
			               p[2] == BPACK_RUN && p[3] == d / 2 &&
			               p[4] == 0xee);
		} else {
			CU_ASSERT_TRUE(
			    pl == d + 5 && memcmp(p + 1, s, d + 4) == 0);
		}
		free(p);
	}
}

static void
test_bpack_escapes_keep_string_bounds(void)
{
	/* "x\"ab\"y" holds a quoted ab that is no string token; "\\" ends at
	 * its second quote, so the "ab" after it is one */
	expect_packed("[\"x\\\"ab\\\"y\",\"\\\\\",\"ab\",\"ab\\\"cd\"]",
	    "\x01[\"x\\\"ab\\\"y\",\"\\\\\",\x02\x01\xab,\"ab\\\"cd\"]", 31);
	/* an escaped quote does not close a string: "ab" is the next one */
	expect_packed("[\"\\\"\",\"ab\"]", "\x01[\"\\\"\",\x02\x01\xab]", 11);
	expect_packed(
	    "{\"\\u0061b\":\"ab\"}", "\x01{\"\\u0061b\":\x02\x01\xab}", 16);
}

/* Texts of the characters that matter to the lexer, at random (fixed
 * seed): each comes back as it was. */
static void
test_bpack_random_texts_round_trip(void)
{
	static const char alpha[] = "\"\"\"\\aaf09AgZ{}[],: ";
	uint32_t x = 2463534242u;
	char s[64];
	int bad = 0;

	for (int i = 0; i < 200000; i++) {
		size_t n = (x % 40) + 1;
		for (size_t k = 0; k < n; k++) {
			x ^= x << 13;
			x ^= x >> 17;
			x ^= x << 5;
			s[k] = alpha[x % (sizeof(alpha) - 1)];
		}
		bad += !round_trip(s, n, NULL, NULL);
	}
	CU_ASSERT_EQUAL(bad, 0);
}

/* Hex strings are read eight digits at a time: one character changed at
 * every place of a 24-digit string, to one just outside the digits' and
 * letters' ranges (or not printable), must keep the whole string as text
 * (or refuse the text, naming the byte's place); a lowercase digit there
 * keeps it a run. */
static void
test_bpack_each_digit_place_checked(void)
{
	static const char subst[] = {'/', ':', '`', 'g', 'A', 'F', ' ', '\\', 0x7f, (char)0xb0, 0x1f, 'f', '0'};
	char s[32], want[64];
	unsigned char out[64];
	size_t ol;
	struct err e;

	for (size_t at = 0; at < 24; at++)
		for (size_t k = 0; k < sizeof(subst); k++) {
			int hex = subst[k] == 'f' || subst[k] == '0';
			int plain = (unsigned char)subst[k] >= 0x20 && (unsigned char)subst[k] < 0x7f;
			memcpy(s, "[\"0123456789abcdef01234567\"]", 29);
			s[2 + at] = subst[k];
			if (!plain) {
				CU_ASSERT_EQUAL(bpack_pack(s, 28, out, &ol, &e), -1);
				snprintf(want, sizeof(want), "position %zu,", 2 + at);
				CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, want));
				continue;
			}
			CU_ASSERT_EQUAL_FATAL(bpack_pack(s, 28, out, &ol, &e), 0);
			if (hex) {
				CU_ASSERT_TRUE(ol == 1 + 1 + 2 + 12 + 1 && out[2] == BPACK_RUN && out[3] == 12);
			} else if (subst[k] == '\\') {
				/* an escape: the text may read on past the quote */
				CU_ASSERT_TRUE(round_trip(s, 28, NULL, NULL));
			} else {
				CU_ASSERT_TRUE(ol == 29 && memcmp(out + 1, s, 28) == 0);
			}
		}
}

static void
test_bpack_pack_refuses_bytes_it_could_not_unpack(void)
{
	static const char *bad[] = {
	    "[\"a\n\"]", "\x01", "[\"\x02\"]", "\"\xc3\xa9\"", "\x7f"};
	unsigned char out[16];
	size_t ol;
	struct err e;

	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		CU_ASSERT_EQUAL(
		    bpack_pack(bad[i], strlen(bad[i]), out, &ol, &e), -1);
}

static void
test_bpack_unpack_refusals(void)
{
	expect_refused("", 0);
	expect_refused("[\"ab\"]", 6); /* neither '{' nor version 1 */
	expect_refused("\x00{}", 3);
	expect_refused("\x03{}", 3);             /* another version */
	expect_refused("\x01{\x03\x01\xab}", 6); /* a marker other than 0x02 */
	expect_refused("\x01{\x00}", 4);
	expect_refused("\x01{\x1f}", 4);
	expect_refused("\x01{\x7f}", 4);
	expect_refused("\x01{\x80}", 4);
	expect_refused("\x01{\xff}", 4);
	expect_refused("\x01{\x02\x00}", 5);        /* L = 0 */
	expect_refused("\x01{\x02", 3);             /* cut: no length */
	expect_refused("\x01{\x02\x03\xab\xcd", 6); /* cut: 2 bytes of 3 */
	expect_refused("\x01\x02\x01", 3);
}

static void
test_bpack_unpack_takes_any_run_bytes_and_old_bodies(void)
{
	struct err e;
	size_t tl = 0;
	char *t;

	t = bpack_unpack(
	    (const unsigned char *)"\x01[\x02\x03\x00\x02\xff,1]", 10, &tl, &e);
	CU_ASSERT_TRUE(
	    t != NULL && strcmp(t, "[\"0002ff\",1]") == 0 && tl == 12);
	free(t);
	/* cast before packing: read as it is, checked by the JSON parser */
	t = bpack_unpack((const unsigned char *)"{\"a\":\"ab\"}", 10, &tl, &e);
	CU_ASSERT_TRUE(
	    t != NULL && strcmp(t, "{\"a\":\"ab\"}") == 0 && tl == 10);
	free(t);
	t = bpack_unpack((const unsigned char *)"\x01", 1, &tl, &e);
	CU_ASSERT_TRUE(t != NULL && tl == 0 && t[0] == '\0');
	free(t);
}

static void
test_bpack_json_says_what_is_wrong(void)
{
	struct err e = {"", 0};
	json_t *j;

	j = bpack_json(
	    (const unsigned char *)"\x01{\"a\":\x02\x01\xab}", 10, &e);
	CU_ASSERT_TRUE(
	    j != NULL &&
	    strcmp(json_string_value(json_object_get(j, "a")), "ab") == 0);
	json_decref(j);
	CU_ASSERT_PTR_NULL(
	    bpack_json((const unsigned char *)"\x01{\"a\":", 6, &e));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "JSON"));
	e.msg[0] = '\0';
	CU_ASSERT_PTR_NULL(
	    bpack_json((const unsigned char *)"\x01{\x05}", 4, &e));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "0x05"));
}

static CU_TestInfo tests[] = {
    {"vectors round trip at half size",
        test_bpack_vectors_round_trip_at_half_size},
    {"text without hex is copied", test_bpack_text_without_hex_is_copied},
    {"every hex string, keys too", test_bpack_every_hex_string_keys_too},
    {"longest run is 255 bytes", test_bpack_longest_run_is_255_bytes},
    {"escapes keep string bounds", test_bpack_escapes_keep_string_bounds},
    {"random texts round trip", test_bpack_random_texts_round_trip},
    {"each digit place checked", test_bpack_each_digit_place_checked},
    {"pack refuses bytes it could not unpack",
        test_bpack_pack_refuses_bytes_it_could_not_unpack},
    {"unpack refusals", test_bpack_unpack_refusals},
    {"unpack takes any run bytes and old bodies",
        test_bpack_unpack_takes_any_run_bytes_and_old_bodies},
    {"json says what is wrong", test_bpack_json_says_what_is_wrong},
    CU_TEST_INFO_NULL,
};

int
main(void)
{
	return cu_run("bpack", tests);
}
