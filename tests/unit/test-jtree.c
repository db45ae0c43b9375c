/* test-jtree.c: lib/jtree.c against jansson, which it replaces on the
 * cast's body: every input here is accepted or refused as the test says
 * AND as json_loadb(JSON_REJECT_DUPLICATES) does; when accepted, the
 * canonical text is json_dumps(COMPACT | SORT_KEYS | ENSURE_ASCII)'s,
 * byte for byte, and the lookups answer as jansson's. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cu.h"
#include "jtree.h"

/* Parse a copy (jt_parse writes in place); 1 accepted, 0 refused. Also
 * checks the agreement with jansson and, when accepted, the canonical
 * form (unless the text holds a real). */
static int
parse_like_jansson(const char *text, size_t len)
{
	char *copy = malloc(len + 1);
	json_t *j = json_loadb(text, len, JSON_REJECT_DUPLICATES, NULL);
	struct jtree t, u;
	struct err e;
	int ok;

	memcpy(copy, text, len);
	ok = jt_parse(&t, copy, len, &e) == 0;
	CU_ASSERT_EQUAL(ok, j != NULL);
	if (ok != (j != NULL))
		fprintf(stderr, "disagreement on %.60s: jtree %d, jansson %d\n",
		    text, ok, j != NULL);
	if (ok && j != NULL) {
		char *a = json_dumps(
		    j, JSON_COMPACT | JSON_SORT_KEYS | JSON_ENSURE_ASCII);
		char *b = jt_canonical(&t, JT_ROOT, NULL), *c;
		int real = 0;
		for (size_t i = 0; i < t.count; i++)
			real |= t.n[i].type == JT_REAL;
		CU_ASSERT_EQUAL(b == NULL, real);
		if (b != NULL)
			CU_ASSERT_STRING_EQUAL(b, a);
		/* the tree of the json_t is the same tree */
		CU_ASSERT_EQUAL_FATAL(jt_from_json(&u, j), 0);
		CU_ASSERT_EQUAL(u.count, t.count);
		c = jt_canonical(&u, JT_ROOT, NULL);
		CU_ASSERT((b == NULL && c == NULL) ||
		          (b != NULL && c != NULL && strcmp(b, c) == 0));
		free(a);
		free(b);
		free(c);
		jt_free(&u);
	}
	if (ok)
		jt_free(&t);
	CU_ASSERT_PTR_NULL(t.n); /* freed, or never kept on a refusal */
	json_decref(j);
	free(copy);
	return ok;
}

static int
pj(const char *text)
{
	return parse_like_jansson(text, strlen(text));
}

static void
test_valid_documents(void)
{
	CU_ASSERT_EQUAL(pj("{}"), 1);
	CU_ASSERT_EQUAL(pj(" [ ] \n"), 1);
	CU_ASSERT_EQUAL(
	    pj("{\"b\":[1,-0,true,false,null,\"x\"],\"a\":{\"c\":[[]]}}"), 1);
	CU_ASSERT_EQUAL(pj("{\"z\":1,\"\":2,\"a\":3,\"ab\":4,\"aa\":5}"), 1);
	CU_ASSERT_EQUAL(pj("[9223372036854775807,-9223372036854775808]"), 1);
	CU_ASSERT_EQUAL(pj("[1.5,-0.0,1e5,2E-3,1e-400]"), 1);
	CU_ASSERT_EQUAL(pj("\t{\r\n\"a\" :\t[ 1 , 2 ] }"), 1);
}

static void
test_strings_escapes_and_unicode(void)
{
	/* short escapes, \/, \u escapes in either case, a surrogate pair,
	 * raw UTF-8 of 2, 3 and 4 bytes, DEL, controls by \u */
	CU_ASSERT_EQUAL(pj("[\"\\\"\\\\\\/\\b\\f\\n\\r\\t\"]"), 1);
	CU_ASSERT_EQUAL(
	    pj("[\"\\u00e9\\u00E9\\u20ac\\ud83d\\ude00\\u0001\\u001f\"]"), 1);
	CU_ASSERT_EQUAL(
	    pj("[\"\xc3\xa9t\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80 \x7f /\"]"),
	    1);
	CU_ASSERT_EQUAL(pj("{\"cl\\u00e9\":\"v\",\"cl\xc3\xa8\":\"w\"}"), 1);
	/* the same key written two ways is a duplicate */
	CU_ASSERT_EQUAL(pj("{\"a\":1,\"\\u0061\":2}"), 0);
	CU_ASSERT_EQUAL(pj("{\"a\":1,\"b\":2,\"a\":3}"), 0);
	/* refused escapes */
	CU_ASSERT_EQUAL(pj("[\"\\x\"]"), 0);
	CU_ASSERT_EQUAL(pj("[\"\\u12G4\"]"), 0);
	CU_ASSERT_EQUAL(pj("[\"\\u123\"]"), 0);
	CU_ASSERT_EQUAL(pj("[\"\\u0000\"]"), 0);
	CU_ASSERT_EQUAL(pj("{\"\\u0000\":1}"), 0);
	CU_ASSERT_EQUAL(pj("[\"\\ud800\"]"), 0);
	CU_ASSERT_EQUAL(pj("[\"\\ud800\\u0041\"]"), 0);
	CU_ASSERT_EQUAL(pj("[\"\\udc00\"]"), 0);
	CU_ASSERT_EQUAL(pj("[\"a\nb\"]"), 0);
	CU_ASSERT_EQUAL(pj("[\"a\tb\"]"), 0);
	/* invalid UTF-8: continuation first, overlong, encoded surrogate,
	 * above U+10FFFF, cut short, outside a string */
	CU_ASSERT_EQUAL(pj("[\"\x80\"]"), 0);
	CU_ASSERT_EQUAL(pj("[\"\xc0\xaf\"]"), 0);
	CU_ASSERT_EQUAL(pj("[\"\xe0\x80\xaf\"]"), 0);
	CU_ASSERT_EQUAL(pj("[\"\xed\xa0\x80\"]"), 0);
	CU_ASSERT_EQUAL(pj("[\"\xf4\x90\x80\x80\"]"), 0);
	CU_ASSERT_EQUAL(pj("[\"\xe2\x82\"]"), 0);
	CU_ASSERT_EQUAL(pj("[\"\xe2\x82"), 0);
	CU_ASSERT_EQUAL(pj("[\xc3\xa9]"), 0);
	/* a raw NUL byte, in a string and outside */
	CU_ASSERT_EQUAL(parse_like_jansson("[\"a\0\"]", 5), 0);
	CU_ASSERT_EQUAL(parse_like_jansson("[1]\0", 4), 0);
}

/* The one difference with jansson, on purpose (lib/jtree.h): a NUL byte
 * right after a number or a literal, which jansson skips. */
static void
test_nul_after_number_refused(void)
{
	char text[] = "[1\0,true\0]", copy[sizeof(text)];
	json_t *j =
	    json_loadb(text, sizeof(text) - 1, JSON_REJECT_DUPLICATES, NULL);
	struct jtree t;
	struct err e;

	/* if jansson ever stops taking it, the note in jtree.h goes */
	CU_ASSERT_PTR_NOT_NULL(j);
	json_decref(j);
	memcpy(copy, text, sizeof(text));
	CU_ASSERT_EQUAL(jt_parse(&t, copy, sizeof(text) - 1, &e), -1);
}

static void
test_numbers(void)
{
	CU_ASSERT_EQUAL(pj("[9223372036854775808]"), 0);
	CU_ASSERT_EQUAL(pj("[-9223372036854775809]"), 0);
	CU_ASSERT_EQUAL(pj("[123456789012345678901234567890]"), 0);
	CU_ASSERT_EQUAL(pj("[1e309]"), 0);
	CU_ASSERT_EQUAL(pj("[-1e309]"), 0);
	CU_ASSERT_EQUAL(pj("[01]"), 0);
	CU_ASSERT_EQUAL(pj("[-]"), 0);
	CU_ASSERT_EQUAL(pj("[+1]"), 0);
	CU_ASSERT_EQUAL(pj("[1.]"), 0);
	CU_ASSERT_EQUAL(pj("[.5]"), 0);
	CU_ASSERT_EQUAL(pj("[1e]"), 0);
	CU_ASSERT_EQUAL(pj("[1e+]"), 0);
	CU_ASSERT_EQUAL(pj("[0x10]"), 0);
	CU_ASSERT_EQUAL(pj("[1x]"), 0);
}

static void
test_structure_refused(void)
{
	const char *bad[] = {"", " ", "1", "\"a\"", "true", "{", "[", "{\"a\"}",
	    "{\"a\":}", "{\"a\":1,}", "[1,]", "[,1]", "{,}", "[1 2]",
	    "{\"a\" 1}", "{1:2}", "[tru]", "[truex]", "[nul]", "{}{}", "{} x",
	    "[]]", "{\"a\":1}}", "[\"a]"};

	for (size_t i = 0; i < sizeof(bad) / sizeof(*bad); i++)
		CU_ASSERT_EQUAL(pj(bad[i]), 0);
}

/* jansson's limit: a value 2048 levels deep is read, one deeper is not
 * (scalars count as a level, as in jansson). */
static void
test_depth_limit(void)
{
	size_t n = JT_MAX_DEPTH + 2;
	char *s = malloc(2 * n + 2);

	for (size_t depth = JT_MAX_DEPTH - 1; depth <= JT_MAX_DEPTH + 1;
	     depth++) {
		/* depth - 1 arrays around a scalar: the scalar is at depth */
		memset(s, '[', depth - 1);
		s[depth - 1] = '1';
		memset(s + depth, ']', depth - 1);
		CU_ASSERT_EQUAL(parse_like_jansson(s, 2 * depth - 1),
		    depth <= JT_MAX_DEPTH);
		/* depth arrays, the innermost empty */
		memset(s, '[', depth);
		memset(s + depth, ']', depth);
		CU_ASSERT_EQUAL(
		    parse_like_jansson(s, 2 * depth), depth <= JT_MAX_DEPTH);
	}
	free(s);
}

/* Every cut of a document is refused, as jansson refuses it. */
static void
test_truncated_refused(void)
{
	const char *doc =
	    "{\"scrutin\":12,\"bulletin\":{\"a\":[\"0a\\u00e9\",[1.5e3,true]],"
	    "\"b\":{\"c\":null}},\"mot_de_passe\":\"\xc3\xa9t\xc3\xa9\"}";
	size_t len = strlen(doc);

	CU_ASSERT_EQUAL(pj(doc), 1);
	for (size_t cut = 0; cut < len; cut++)
		CU_ASSERT_EQUAL(parse_like_jansson(doc, cut), 0);
}

static void
test_lookups(void)
{
	char text[] = "{\"scrutin\":12,\"bulletin\":{\"x\":[[\"a\",\"b\"],{"
	              "\"k\":\"v\"},\"c\\u00e9\"]},"
	              "\"mot_de_passe\":\"m\\\"p\"}";
	struct jtree t;
	struct err e;
	jt_ref b, x;

	CU_ASSERT_EQUAL_FATAL(jt_parse(&t, text, strlen(text), &e), 0);
	CU_ASSERT_EQUAL(jt_integer(&t, jt_get(&t, JT_ROOT, "scrutin")), 12);
	CU_ASSERT_STRING_EQUAL(
	    jt_string(&t, jt_get(&t, JT_ROOT, "mot_de_passe")), "m\"p");
	b = jt_get(&t, JT_ROOT, "bulletin");
	CU_ASSERT_TRUE(jt_is(&t, b, JT_OBJECT));
	CU_ASSERT_EQUAL(jt_object_size(&t, b), 1);
	x = jt_get(&t, b, "x");
	CU_ASSERT_EQUAL(jt_array_size(&t, x), 3);
	CU_ASSERT_STRING_EQUAL(
	    jt_string(&t, jt_at(&t, jt_at(&t, x, 0), 1)), "b");
	CU_ASSERT_STRING_EQUAL(
	    jt_string(&t, jt_get(&t, jt_at(&t, x, 1), "k")), "v");
	CU_ASSERT_STRING_EQUAL(jt_string(&t, jt_at(&t, x, 2)), "c\xc3\xa9");
	/* like jansson's: absent, other type, out of range */
	CU_ASSERT_EQUAL(jt_get(&t, b, "y"), JT_NONE);
	CU_ASSERT_EQUAL(jt_get(&t, x, "x"), JT_NONE);
	CU_ASSERT_EQUAL(jt_at(&t, x, 3), JT_NONE);
	CU_ASSERT_PTR_NULL(jt_string(&t, x));
	CU_ASSERT_PTR_NULL(jt_string(&t, JT_NONE));
	CU_ASSERT_EQUAL(jt_integer(&t, jt_get(&t, JT_ROOT, "mot_de_passe")), 0);
	CU_ASSERT_EQUAL(jt_array_size(&t, b), 0);
	CU_ASSERT_EQUAL(jt_object_size(&t, x), 0);
	jt_free(&t);
}

/* A big object (sorted and checked for duplicates another way). */
static void
test_big_object(void)
{
	size_t n = 500, len = 0;
	char *s = malloc(n * 16 + 16);

	s[len++] = '{';
	for (size_t i = 0; i < n; i++)
		len += (size_t)sprintf(
		    s + len, "%s\"k%zu\":%zu", i ? "," : "", (i * 7919) % n, i);
	s[len++] = '}';
	CU_ASSERT_EQUAL(parse_like_jansson(s, len), 1);
	/* the same key once more, at the end */
	len--;
	len += (size_t)sprintf(s + len, ",\"k%zu\":0}", n / 3);
	CU_ASSERT_EQUAL(parse_like_jansson(s, len), 0);
	free(s);
}

static CU_TestInfo tests[] = {
    {"valid documents", test_valid_documents},
    {"strings, escapes and Unicode", test_strings_escapes_and_unicode},
    {"numbers", test_numbers},
    {"NUL after a number refused", test_nul_after_number_refused},
    {"structure refused", test_structure_refused},
    {"depth limit", test_depth_limit},
    {"truncated refused", test_truncated_refused},
    {"lookups", test_lookups},
    {"big object", test_big_object},
    CU_TEST_INFO_NULL,
};

int
main(void)
{
	return cu_run("jtree", tests);
}
