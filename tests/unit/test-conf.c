/* test-conf.c: isoloir.conf parsing, including every error path. */
#include "config.h"

#include <string.h>

#include "conf.h"
#include "cu.h"

static void
test_conf_reads_sections_and_keys(void)
{
	struct err e;
	struct conf *c = conf_parse("# comment\n[db]\n port = 3307 \nuser=web\n"
	    "[fcgi]\n; other comment\nthreads = 4\n", "t", &e);
	long n = 0;

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(conf_get(c, "db", "user"), "web");
	CU_ASSERT_STRING_EQUAL(conf_get(c, "db", "port"), "3307");
	CU_ASSERT_PTR_NULL(conf_get(c, "fcgi", "user"));
	CU_ASSERT_EQUAL(conf_get_int(c, "fcgi", "threads", 1, 1, 64, &n, &e), 0);
	CU_ASSERT_EQUAL(n, 4);
	CU_ASSERT_EQUAL(conf_get_int(c, "fcgi", "absent", 7, 1, 64, &n, &e), 0);
	CU_ASSERT_EQUAL(n, 7);
	conf_free(c);
}

static void
test_conf_rejects_key_outside_section(void)
{
	struct err e;

	CU_ASSERT_PTR_NULL(conf_parse("a = b\n", "x.conf", &e));
	CU_ASSERT_STRING_EQUAL(e.msg, "x.conf:1: clé « a » hors de toute section");
}

static void
test_conf_rejects_duplicate_key(void)
{
	struct err e;

	CU_ASSERT_PTR_NULL(conf_parse("[s]\na=1\na=2\n", "x.conf", &e));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "x.conf:3:"));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "en double"));
}

static void
test_conf_rejects_bad_lines(void)
{
	struct err e;

	CU_ASSERT_PTR_NULL(conf_parse("[s\n", "x", &e));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "x:1: en-tête"));
	CU_ASSERT_PTR_NULL(conf_parse("[s]\nnovalue\n", "x", &e));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "x:2:"));
	CU_ASSERT_PTR_NULL(conf_parse("[s]\nbad key = 1\n", "x", &e));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "nom de clé invalide"));
}

static void
test_conf_int_out_of_range_or_garbage(void)
{
	struct err e;
	struct conf *c = conf_parse("[s]\na = 12x\nb = 100\n", "t", &e);
	long n;

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(conf_get_int(c, "s", "a", 0, 0, 10, &n, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "n'est pas un entier"));
	CU_ASSERT_EQUAL(conf_get_int(c, "s", "b", 0, 0, 10, &n, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "hors bornes"));
	conf_free(c);
}

static void
test_conf_load_missing_file(void)
{
	struct err e;

	CU_ASSERT_PTR_NULL(conf_load("/nonexistent/isoloir.conf", &e));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "lecture impossible"));
}

static void
test_conf_hex_exact_length_and_digits(void)
{
	struct err e;
	struct conf *c = conf_parse("[k]\na = 00ff10\nb = 00ff1\nc = 00fg10\n", "t", &e);
	unsigned char out[3];

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(conf_get_hex(c, "k", "a", out, 3, &e), 0);
	CU_ASSERT(out[0] == 0 && out[1] == 0xff && out[2] == 0x10);
	CU_ASSERT_EQUAL(conf_get_hex(c, "k", "b", out, 3, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "6 chiffres"));
	CU_ASSERT_EQUAL(conf_get_hex(c, "k", "c", out, 3, &e), -1);
	CU_ASSERT_EQUAL(conf_get_hex(c, "k", "absent", out, 3, &e), -1);
	conf_free(c);
}

static void
test_conf_items_in_order_with_lines(void)
{
	struct err e;
	struct conf *c = conf_parse("# x\n[a.b]\nk = 1\n\n[c]\nz = 2\n[a.b]\nm = 3\n", "t", &e);
	const char *s, *k, *v;

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_EQUAL(conf_count(c), 3);
	CU_ASSERT_EQUAL(conf_item(c, 0, &s, &k, &v), 3);
	CU_ASSERT(strcmp(s, "a.b") == 0 && strcmp(k, "k") == 0 && strcmp(v, "1") == 0);
	CU_ASSERT_EQUAL(conf_item(c, 2, &s, &k, &v), 8);
	CU_ASSERT(strcmp(s, "a.b") == 0 && strcmp(k, "m") == 0);
	/* a section's line is its first header's */
	CU_ASSERT_EQUAL(conf_section_line(c, "a.b"), 2);
	CU_ASSERT_EQUAL(conf_section_line(c, "c"), 5);
	CU_ASSERT_EQUAL(conf_section_line(c, "absent"), 0);
	conf_free(c);
}

static CU_TestInfo tests[] = {
	{ "items in order with lines", test_conf_items_in_order_with_lines },
	{ "hex exact length and digits", test_conf_hex_exact_length_and_digits },
	{ "reads sections and keys", test_conf_reads_sections_and_keys },
	{ "rejects key outside section", test_conf_rejects_key_outside_section },
	{ "rejects duplicate key", test_conf_rejects_duplicate_key },
	{ "rejects bad lines", test_conf_rejects_bad_lines },
	{ "int out of range or garbage", test_conf_int_out_of_range_or_garbage },
	{ "load missing file", test_conf_load_missing_file },
	CU_TEST_INFO_NULL,
};

int
main(void)
{
	return cu_run("conf", tests);
}
