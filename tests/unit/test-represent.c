/* test-represent.c: consolidated representativeness (R-RES-2, rules.md):
 * common lists split by their key or equally, shares of the total SVE
 * with the exact 10 % boundary, and the plus fort reste sharing of a
 * central CSE's seats (seed 004). */
#include "config.h"

#include <string.h>

#include <jansson.h>

#include "cu.h"
#include "represent.h"

static const json_t *
u(const json_t *doc, size_t i, const char *key)
{
	return json_object_get(json_array_get(json_object_get(doc, "unions"), i), key);
}

static const char *
s(const json_t *doc, size_t i, const char *key)
{
	return json_string_value(u(doc, i, key)) ?: "";
}

static void
test_two_scrutins_with_a_common_list(void)
{
	json_t *split = json_pack("{s:i, s:i}", "CGT", 60, "UNSA", 40);
	/* establishment 1: CFDT 120, CGT+UNSA 100 (60/40); establishment 2:
	 * CFDT 30, CGT 50, FO 20 → CFDT 150, CGT 110, UNSA 40, FO 20; SVE 320 */
	struct rep_list l[] = {
		{ "CFDT", NULL, 120 }, { "CGT+UNSA", split, 100 },
		{ "CFDT", NULL, 30 }, { "CGT", NULL, 50 }, { "FO", NULL, 20 },
	};
	struct err e;
	json_t *d = represent_consolidate(l, 5, 320, 0, &e);

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_STRING_EQUAL(s(d, 0, "union"), "CFDT");
	CU_ASSERT_STRING_EQUAL(s(d, 0, "votes"), "150.00");
	CU_ASSERT_STRING_EQUAL(s(d, 0, "pct"), "46.88");     /* 46.875 rounds up */
	CU_ASSERT_STRING_EQUAL(s(d, 1, "union"), "CGT");
	CU_ASSERT_STRING_EQUAL(s(d, 1, "votes"), "110.00");
	CU_ASSERT_STRING_EQUAL(s(d, 2, "union"), "UNSA");
	CU_ASSERT_STRING_EQUAL(s(d, 2, "pct"), "12.50");
	CU_ASSERT_TRUE(json_is_true(u(d, 2, "representative")));
	CU_ASSERT_STRING_EQUAL(s(d, 3, "union"), "FO");
	CU_ASSERT_STRING_EQUAL(s(d, 3, "pct"), "6.25");
	CU_ASSERT_TRUE(json_is_false(u(d, 3, "representative")));
	CU_ASSERT_PTR_NULL(u(d, 0, "seats"));
	json_decref(d);
	json_decref(split);
}

static void
test_equal_split_and_exact_ten_percent(void)
{
	/* FO+UNSA 3 ballots equally: 1.5 each; SVE 15: UNSA is exactly 10 % */
	struct rep_list l[] = { { "FO+UNSA", NULL, 3 }, { "CFDT", NULL, 12 } };
	struct err e;
	json_t *d = represent_consolidate(l, 2, 15, 0, &e);

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_STRING_EQUAL(s(d, 1, "votes"), "1.50");
	CU_ASSERT_STRING_EQUAL(s(d, 1, "pct"), "10.00");
	CU_ASSERT_TRUE(json_is_true(u(d, 1, "representative")));
	json_decref(d);
	/* 1.49 of 15 ballots would be 9.93 %: just under */
	struct rep_list m[] = { { "FO+UNSA+CGT", NULL, 4 }, { "CFDT", NULL, 11 } };
	d = represent_consolidate(m, 2, 15, 0, &e);
	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_STRING_EQUAL(s(d, 1, "votes"), "1.33");
	CU_ASSERT_TRUE(json_is_false(u(d, 1, "representative")));
	json_decref(d);
}

static void
test_central_cse_plus_fort_reste(void)
{
	/* 10 seats, votes 4 700 / 2 900 / 1 600 / 800 of 10 000: quotas 4.7,
	 * 2.9, 1.6, 0.8 → 4, 2, 1, 0 then remainders .9 (B), .8 (D), .7 (A) */
	struct rep_list l[] = { { "A", NULL, 4700 }, { "B", NULL, 2900 }, { "C", NULL, 1600 },
		{ "D", NULL, 800 } };
	struct err e;
	json_t *d = represent_consolidate(l, 4, 10000, 10, &e);

	CU_ASSERT_PTR_NOT_NULL_FATAL(d);
	CU_ASSERT_EQUAL(json_integer_value(u(d, 0, "seats")), 5);   /* A 4 + 1 */
	CU_ASSERT_EQUAL(json_integer_value(u(d, 1, "seats")), 3);   /* B 2 + 1 */
	CU_ASSERT_EQUAL(json_integer_value(u(d, 2, "seats")), 1);   /* C 1 + 0 */
	CU_ASSERT_EQUAL(json_integer_value(u(d, 3, "seats")), 1);   /* D 0 + 1 */
	CU_ASSERT_EQUAL(json_integer_value(u(d, 3, "seats_quotient")), 0);
	CU_ASSERT_EQUAL(json_integer_value(u(d, 3, "seats_remainder")), 1);
	json_decref(d);
}

static void
test_bad_split_key_refused(void)
{
	json_t *split = json_pack("{s:i}", "CGT", 60);
	struct rep_list l[] = { { "CGT+UNSA", split, 10 } };
	struct err e;

	CU_ASSERT_PTR_NULL(represent_consolidate(l, 1, 10, 0, &e));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "part de UNSA absente de la clé"));
	json_decref(split);
}

static CU_TestInfo tests[] = {
	{ "two scrutins with a common list", test_two_scrutins_with_a_common_list },
	{ "equal split and the exact 10 % boundary", test_equal_split_and_exact_ten_percent },
	{ "central CSE: plus fort reste", test_central_cse_plus_fort_reste },
	{ "bad split key refused", test_bad_split_key_refused },
	CU_TEST_INFO_NULL,
};

int
main(void)
{
	return cu_run("represent", tests);
}
