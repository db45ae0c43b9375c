/* test-rules.c: the counting law (R-RES-1, rules.md, rules-schema.md): the
 * worked example exactly, ties by votes then age then list order, surplus
 * pass and vacant, all blank, the quorum boundary, the 10 % boundary, lists
 * shorter than the seats, and invalid inputs listed with their path; two
 * ties in one scrutin decided by the bureau's draws by lot (R-BUR-8). */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cu.h"
#include "rules.h"

/* Run one category given as JSON text; returns the category result. */
static json_t *out_doc;

static json_t *
run(const char *options, const char *category)
{
	char doc[8192];
	json_error_t je;
	json_t *in;

	snprintf(doc, sizeof(doc), "{%s\"colleges\":[{\"name\":\"C\",\"titulaires\":%s}]}",
	    options, category);
	in = json_loads(doc, 0, &je);
	if (in == NULL) {
		fprintf(stderr, "bad test JSON: %s\n", je.text);
		return NULL;
	}
	json_decref(out_doc);
	out_doc = rules_run_json(in);
	json_decref(in);
	if (!json_is_true(json_object_get(out_doc, "valid")))
		return NULL;
	return json_object_get(json_array_get(json_object_get(out_doc, "colleges"), 0), "titulaires");
}

static const json_t *
list(const json_t *cat, size_t i)
{
	return json_array_get(json_object_get(cat, "lists"), i);
}

static long long
iget(const json_t *o, const char *k)
{
	return json_integer_value(json_object_get(o, k));
}

static const char *
sget(const json_t *o, const char *k)
{
	return json_string_value(json_object_get(o, k));
}

static const char *
elected(const json_t *l, size_t i)
{
	return json_string_value(json_array_get(json_object_get(l, "elected"), i));
}

static void
test_worked_example_exactly(void)
{
	char path[1024];
	const char *src = getenv("ISOLOIR_SRCDIR");
	json_error_t je;
	json_t *in, *out, *c;

	snprintf(path, sizeof(path), "%s/tests/data/rules/worked-example.json", src ? src : ".");
	in = json_load_file(path, 0, &je);
	CU_ASSERT_PTR_NOT_NULL_FATAL(in);
	out = rules_run_json(in);
	c = json_object_get(json_array_get(json_object_get(out, "colleges"), 0), "titulaires");
	CU_ASSERT_STRING_EQUAL(sget(c, "qe"), "400/7");
	CU_ASSERT_STRING_EQUAL(sget(c, "qe_decimal"), "57.142857");
	CU_ASSERT_EQUAL(iget(c, "sve"), 400);
	CU_ASSERT_TRUE(json_is_true(json_object_get(c, "quorum_reached")));
	CU_ASSERT_STRING_EQUAL(sget(list(c, 0), "average"), "1020/7");
	CU_ASSERT_STRING_EQUAL(sget(list(c, 1), "average"), "828/7");
	CU_ASSERT_STRING_EQUAL(sget(list(c, 3), "average_decimal"), "48.666667");
	const int q[] = { 2, 2, 1, 0 }, r[] = { 1, 0, 0, 1 };
	for (size_t i = 0; i < 4; i++) {
		CU_ASSERT_EQUAL(iget(list(c, i), "seats_quotient"), q[i]);
		CU_ASSERT_EQUAL(iget(list(c, i), "seats_remainder"), r[i]);
	}
	CU_ASSERT_STRING_EQUAL(elected(list(c, 0), 0), "A1");
	CU_ASSERT_STRING_EQUAL(elected(list(c, 0), 1), "A3");
	CU_ASSERT_STRING_EQUAL(elected(list(c, 0), 2), "A4");
	CU_ASSERT_STRING_EQUAL(elected(list(c, 1), 0), "B2");
	CU_ASSERT_STRING_EQUAL(elected(list(c, 1), 1), "B3");
	CU_ASSERT_STRING_EQUAL(elected(list(c, 2), 0), "C1");
	CU_ASSERT_STRING_EQUAL(elected(list(c, 3), 0), "D1");
	CU_ASSERT_STRING_EQUAL(sget(list(c, 0), "representativeness_pct"), "37.50");
	CU_ASSERT_STRING_EQUAL(sget(list(c, 3), "representativeness_pct"), "12.50");
	json_t *r6 = json_array_get(json_object_get(c, "remainder_rounds"), 0);
	CU_ASSERT_STRING_EQUAL(sget(r6, "winner"), "D");
	CU_ASSERT_STRING_EQUAL(sget(json_object_get(r6, "values"), "A"), "48.571429");
	json_decref(in);
	json_decref(out);
}

#define CAND(n, b) "{\"name\":\"" n "\",\"sex\":\"F\",\"birthdate\":\"" b "\"}"

static void
test_tie_on_value_goes_to_more_votes(void)
{
	/* 3 seats, SVE 90: A 60 (2 cand), B 30 (2 cand). QE 30: A 2, B 1. */
	/* 2 seats, SVE 60: A 40, B 20: QE 30: A 1, B 0; seat 2: A 40/2 = 20, B 20/1 = 20: A has more votes. */
	json_t *c = run("", "{\"seats\":2,\"inscrits\":100,\"votants\":60,\"blancs\":0,\"nuls\":0,\"lists\":["
	    "{\"name\":\"A\",\"ballots\":40,\"candidates\":[" CAND("A1", "1990-01-01") "," CAND("A2", "1990-01-01") "]},"
	    "{\"name\":\"B\",\"ballots\":20,\"candidates\":[" CAND("B1", "1950-01-01") "]}]}");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	json_t *r = json_array_get(json_object_get(c, "remainder_rounds"), 0);
	CU_ASSERT_STRING_EQUAL(sget(r, "winner"), "A");
	CU_ASSERT_STRING_EQUAL(sget(r, "tie_break"), "votes");
}

static void
test_tie_on_value_and_votes_goes_to_the_oldest_next_candidate(void)
{
	/* 1 seat... use 3 seats, A 30 B 30 C 30 SVE 90: 1 each at quotient. Make 2 seats: A 30, B 30: QE 30 -> 1 each, 0 left.
	 * 3 seats, A 20 B 20 (SVE 40): QE 40/3: each floor(20*3/40)=1, seat 3: A 10, B 10, tie votes; next candidates' ages. */
	json_t *c = run("", "{\"seats\":3,\"inscrits\":50,\"votants\":40,\"blancs\":0,\"nuls\":0,\"lists\":["
	    "{\"name\":\"A\",\"ballots\":20,\"candidates\":[" CAND("A1", "1950-01-01") "," CAND("A2", "1980-05-05") "]},"
	    "{\"name\":\"B\",\"ballots\":20,\"candidates\":[" CAND("B1", "1990-01-01") "," CAND("B2", "1970-01-01") "]}]}");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	json_t *r = json_array_get(json_object_get(c, "remainder_rounds"), 0);
	CU_ASSERT_STRING_EQUAL(sget(r, "winner"), "B");   /* B2 (1970) older than A2 (1980) */
	CU_ASSERT_STRING_EQUAL(sget(r, "tie_break"), "age");
	CU_ASSERT_STRING_EQUAL(elected(list(c, 1), 1), "B2");
}

static void
test_perfect_tie_goes_to_list_order_with_a_warning(void)
{
	json_t *c = run("", "{\"seats\":3,\"inscrits\":50,\"votants\":40,\"blancs\":0,\"nuls\":0,\"lists\":["
	    "{\"name\":\"A\",\"ballots\":20,\"candidates\":[" CAND("A1", "1950-01-01") "," CAND("A2", "1980-05-05") "]},"
	    "{\"name\":\"B\",\"ballots\":20,\"candidates\":[" CAND("B1", "1990-01-01") "," CAND("B2", "1980-05-05") "]}]}");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	json_t *r = json_array_get(json_object_get(c, "remainder_rounds"), 0);
	CU_ASSERT_STRING_EQUAL(sget(r, "winner"), "A");
	CU_ASSERT_STRING_EQUAL(sget(r, "tie_break"), "list_order");
	CU_ASSERT_EQUAL(json_array_size(json_object_get(c, "warnings")), 1);
}

/* Two undecided ties in one scrutin: 4 lists of 10 ballots, 6 seats, QE
 * 40/6: one seat each at the quotient; seat 5 ties all four (10/2), seat 6
 * ties the three that did not win seat 5. Every candidate has the same
 * birth date, so only a draw by lot separates them. */
#define TIE_LIST(n) "{\"name\":\"" n "\",\"ballots\":10,\"candidates\":[" \
    CAND(n "1", "1980-01-01") "," CAND(n "2", "1980-01-01") "]}"
#define TWO_TIES(lots) "{\"seats\":6,\"inscrits\":50,\"votants\":40,\"blancs\":0,\"nuls\":0," \
    lots "\"lists\":[" TIE_LIST("A") "," TIE_LIST("B") "," TIE_LIST("C") "," TIE_LIST("D") "]}"

static const char *
round_tied(const json_t *c, size_t round, size_t i)
{
	const json_t *r = json_array_get(json_object_get(c, "remainder_rounds"), round);

	return json_string_value(json_array_get(json_object_get(r, "tied"), i));
}

static void
test_two_undecided_ties_go_to_list_order_each_with_a_warning(void)
{
	json_t *c = run("", TWO_TIES(""));

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	json_t *r5 = json_array_get(json_object_get(c, "remainder_rounds"), 0);
	json_t *r6 = json_array_get(json_object_get(c, "remainder_rounds"), 1);
	CU_ASSERT_EQUAL(iget(r5, "seat"), 5);
	CU_ASSERT_STRING_EQUAL(sget(r5, "winner"), "A");
	CU_ASSERT_STRING_EQUAL(sget(r5, "tie_break"), "list_order");
	CU_ASSERT_EQUAL(json_array_size(json_object_get(r5, "tied")), 4);
	/* seat 6: A has 10/3 now, the other three still 10/2 */
	CU_ASSERT_STRING_EQUAL(sget(r6, "winner"), "B");
	CU_ASSERT_STRING_EQUAL(sget(r6, "tie_break"), "list_order");
	CU_ASSERT_EQUAL(json_array_size(json_object_get(r6, "tied")), 3);
	CU_ASSERT_STRING_EQUAL(round_tied(c, 1, 0), "B");
	CU_ASSERT_EQUAL(json_array_size(json_object_get(c, "warnings")), 2);
}

static void
test_lots_change_the_engine_choice_for_both_ties(void)
{
	json_t *c = run("", TWO_TIES("\"lots\":[{\"seat\":6,\"winner\":\"D\"},"
	    "{\"seat\":5,\"winner\":\"C\"}],"));

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	json_t *r5 = json_array_get(json_object_get(c, "remainder_rounds"), 0);
	json_t *r6 = json_array_get(json_object_get(c, "remainder_rounds"), 1);
	CU_ASSERT_STRING_EQUAL(sget(r5, "winner"), "C");
	CU_ASSERT_STRING_EQUAL(sget(r5, "tie_break"), "lot");
	CU_ASSERT_STRING_EQUAL(sget(r6, "winner"), "D");
	CU_ASSERT_STRING_EQUAL(sget(r6, "tie_break"), "lot");
	/* after C took seat 5, seat 6 tied A, B and D */
	CU_ASSERT_STRING_EQUAL(round_tied(c, 1, 0), "A");
	CU_ASSERT_STRING_EQUAL(round_tied(c, 1, 1), "B");
	CU_ASSERT_STRING_EQUAL(round_tied(c, 1, 2), "D");
	CU_ASSERT_PTR_NULL(round_tied(c, 1, 3));
	const int seats[] = { 1, 1, 2, 2 };
	for (size_t i = 0; i < 4; i++)
		CU_ASSERT_EQUAL(iget(list(c, i), "seats_total"), seats[i]);
	CU_ASSERT_STRING_EQUAL(elected(list(c, 2), 1), "C2");
	CU_ASSERT_EQUAL(json_array_size(json_object_get(c, "warnings")), 0);
}

static void
test_one_lot_leaves_the_other_tie_undecided(void)
{
	json_t *c = run("", TWO_TIES("\"lots\":[{\"seat\":5,\"winner\":\"C\"}],"));

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	json_t *r6 = json_array_get(json_object_get(c, "remainder_rounds"), 1);
	CU_ASSERT_STRING_EQUAL(sget(r6, "winner"), "A");
	CU_ASSERT_STRING_EQUAL(sget(r6, "tie_break"), "list_order");
	CU_ASSERT_EQUAL(json_array_size(json_object_get(c, "warnings")), 1);
}

static void expect_invalid(const char *cat, const char *needle);

static void
test_lots_must_decide_a_real_tie(void)
{
	/* C won seat 5 by lot: it is no longer tied at seat 6 */
	expect_invalid(TWO_TIES("\"lots\":[{\"seat\":5,\"winner\":\"C\"},{\"seat\":6,\"winner\":\"C\"}],"),
	    "lots[1] : « C » n'est pas à égalité pour le siège 6");
	/* seats 1 to 4 are given at the quotient, no tie there */
	expect_invalid(TWO_TIES("\"lots\":[{\"seat\":3,\"winner\":\"A\"}],"),
	    "le siège 3 n'est pas une égalité");
	expect_invalid(TWO_TIES("\"lots\":[{\"seat\":5,\"winner\":\"Z\"}],"),
	    "lots[0]: winner : nom d'une liste");
	expect_invalid(TWO_TIES("\"lots\":[{\"seat\":5,\"winner\":\"A\"},{\"seat\":5,\"winner\":\"B\"}],"),
	    "deux tirages pour le siège 5");
	expect_invalid(TWO_TIES("\"lots\":[{\"seat\":7,\"winner\":\"A\"}],"), "n'a que 6 sièges");
}

static const char surplus_cat[] =
    "{\"seats\":4,\"inscrits\":100,\"votants\":100,\"blancs\":0,\"nuls\":0,\"lists\":["
    "{\"name\":\"A\",\"ballots\":90,\"candidates\":[" CAND("A1", "1980-01-01") "]},"
    "{\"name\":\"B\",\"ballots\":10,\"candidates\":[" CAND("B1", "1980-01-01") "," CAND("B2", "1981-01-01") "]}]}";

static void
test_surplus_pass_gives_the_seat_to_another_list(void)
{
	json_t *c = run("", surplus_cat);

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	/* A: floor(90/25) = 3 but one candidate: 1 seat; B gets the rest it can fill. */
	CU_ASSERT_EQUAL(iget(list(c, 0), "seats_total"), 1);
	CU_ASSERT_EQUAL(iget(list(c, 1), "seats_total"), 2);
	CU_ASSERT_EQUAL(iget(c, "seats_filled"), 3);
	CU_ASSERT_EQUAL(iget(c, "vacant_seats"), 1);
	CU_ASSERT_EQUAL(iget(list(c, 0), "seats_unfilled"), 0);
}

static void
test_surplus_vacant_leaves_the_seats_empty(void)
{
	json_t *c = run("\"options\":{\"surplus\":\"vacant\"},", surplus_cat);

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	/* A: 3 seats at the quotient (2 vacant), and seat 4 too (90/4 = 22.5
	 * beats B's 10): it stays vacant as well. */
	CU_ASSERT_EQUAL(iget(list(c, 0), "seats_total"), 1);
	CU_ASSERT_EQUAL(iget(list(c, 0), "seats_unfilled"), 3);
	CU_ASSERT_EQUAL(iget(list(c, 1), "seats_total"), 0);
	CU_ASSERT_EQUAL(iget(c, "vacant_seats"), 3);
	json_t *r = json_array_get(json_object_get(c, "remainder_rounds"), 0);
	CU_ASSERT_STRING_EQUAL(sget(r, "winner"), "A");
	CU_ASSERT_FALSE(json_is_true(json_object_get(r, "filled")));
}

static void
test_all_blank_allocates_nothing(void)
{
	json_t *c = run("", "{\"seats\":3,\"inscrits\":10,\"votants\":4,\"blancs\":4,\"nuls\":0,\"lists\":["
	    "{\"name\":\"A\",\"ballots\":0,\"candidates\":[" CAND("A1", "1980-01-01") "]}]}");

	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(sget(c, "status"), "no_valid_votes");
	CU_ASSERT_STRING_EQUAL(sget(c, "qe"), "0/1");
	CU_ASSERT_EQUAL(iget(c, "vacant_seats"), 3);
	CU_ASSERT_TRUE(json_is_null(json_object_get(list(c, 0), "representativeness_pct")));
	CU_ASSERT_FALSE(json_is_true(json_object_get(c, "quorum_reached")));
}

static void
test_quorum_boundary(void)
{
	/* SVE = 50 of 100 inscrits: reached; 49: not; 101 inscrits: threshold 50.5 */
	json_t *c = run("", "{\"seats\":1,\"inscrits\":100,\"votants\":52,\"blancs\":2,\"nuls\":0,\"lists\":["
	    "{\"name\":\"A\",\"ballots\":50,\"candidates\":[" CAND("A1", "1980-01-01") "]}]}");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_TRUE(json_is_true(json_object_get(c, "quorum_reached")));
	CU_ASSERT_EQUAL(iget(c, "quorum_threshold"), 50);
	c = run("", "{\"seats\":1,\"inscrits\":101,\"votants\":52,\"blancs\":2,\"nuls\":0,\"lists\":["
	    "{\"name\":\"A\",\"ballots\":50,\"candidates\":[" CAND("A1", "1980-01-01") "]}]}");
	CU_ASSERT_FALSE(json_is_true(json_object_get(c, "quorum_reached")));
	CU_ASSERT_DOUBLE_EQUAL(json_real_value(json_object_get(c, "quorum_threshold")), 50.5, 1e-9);
}

static void
test_ten_percent_boundary(void)
{
	/* 95 ballots: 10 strikes count (100 >= 95), 9 do not. */
	json_t *c = run("", "{\"seats\":1,\"inscrits\":100,\"votants\":95,\"blancs\":0,\"nuls\":0,\"lists\":["
	    "{\"name\":\"A\",\"ballots\":95,\"candidates\":["
	    "{\"name\":\"A1\",\"sex\":\"F\",\"birthdate\":\"1980-01-01\",\"strikes\":10},"
	    "{\"name\":\"A2\",\"sex\":\"H\",\"birthdate\":\"1980-01-01\",\"strikes\":9}]}]}");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	const json_t *cands = json_object_get(list(c, 0), "candidates");
	CU_ASSERT_TRUE(json_is_true(json_object_get(json_array_get(cands, 0), "strikes_counted")));
	CU_ASSERT_FALSE(json_is_true(json_object_get(json_array_get(cands, 1), "strikes_counted")));
	CU_ASSERT_STRING_EQUAL(elected(list(c, 0), 0), "A2");
	/* the average counts every strike: (85 + 86) / 2 */
	CU_ASSERT_STRING_EQUAL(sget(list(c, 0), "average"), "171/2");
}

static void
test_representative_uses_the_exact_share(void)
{
	/* 9999 of 100000: 9.999 % shows as "10.00" but is not representative. */
	json_t *c = run("", "{\"seats\":1,\"inscrits\":100000,\"votants\":100000,\"blancs\":0,\"nuls\":0,\"lists\":["
	    "{\"name\":\"A\",\"ballots\":9999,\"candidates\":[" CAND("A1", "1980-01-01") "]},"
	    "{\"name\":\"B\",\"ballots\":90001,\"candidates\":[" CAND("B1", "1980-01-01") "]}]}");
	CU_ASSERT_PTR_NOT_NULL_FATAL(c);
	CU_ASSERT_STRING_EQUAL(sget(list(c, 0), "representativeness_pct"), "10.00");
	CU_ASSERT_FALSE(json_is_true(json_object_get(list(c, 0), "representative")));
}

static void
expect_invalid(const char *cat, const char *needle)
{
	CU_ASSERT_PTR_NULL(run("", cat));
	char *s = json_dumps(json_object_get(out_doc, "errors"), 0);
	if (strstr(s, needle) == NULL)
		fprintf(stderr, "missing « %s » in %s\n", needle, s);
	CU_ASSERT_PTR_NOT_NULL(strstr(s, needle));
	free(s);
}

/* rules.md: the quorum matters at round 1 only (the PV and the console's
 * count screen say "indicatif" from this one rule). */
static void
test_indicative_round_1_only(void)
{
	CU_ASSERT_TRUE(rules_indicative(1, 0));
	CU_ASSERT_FALSE(rules_indicative(1, 1));
	CU_ASSERT_FALSE(rules_indicative(2, 0));
	CU_ASSERT_FALSE(rules_indicative(2, 1));
}

static void
test_invalid_inputs_are_listed_with_their_path(void)
{
	expect_invalid("{\"seats\":1,\"inscrits\":10,\"votants\":11,\"blancs\":0,\"nuls\":0,\"lists\":[]}",
	    "colleges[0].titulaires: votants (11) dépasse inscrits (10)");
	expect_invalid("{\"seats\":1,\"inscrits\":10,\"votants\":5,\"blancs\":0,\"nuls\":0,\"lists\":["
	    "{\"name\":\"A\",\"ballots\":4,\"candidates\":[" CAND("A1", "1980-01-01") "]}]}",
	    "somme des bulletins");
	expect_invalid("{\"seats\":1,\"inscrits\":10,\"votants\":5,\"blancs\":0,\"nuls\":0,\"lists\":["
	    "{\"name\":\"A\",\"ballots\":5,\"candidates\":[{\"name\":\"A1\",\"sex\":\"F\",\"birthdate\":\"1980-02-30\"}]}]}",
	    "lists[0].candidates[0]: birthdate");
	expect_invalid("{\"seats\":1,\"inscrits\":10,\"votants\":5,\"blancs\":0,\"nuls\":0,\"lists\":["
	    "{\"name\":\"A\",\"ballots\":5,\"candidates\":[{\"name\":\"A1\",\"sex\":\"F\",\"birthdate\":\"1980-02-03\",\"strikes\":6}]}]}",
	    "strikes (6) dépasse");
	expect_invalid("{\"seats\":0,\"inscrits\":10,\"votants\":5,\"blancs\":0,\"nuls\":0,\"lists\":[]}", "seats");
	expect_invalid("{\"seats\":1,\"inscrits\":10,\"votants\":5,\"blancs\":0,\"nuls\":0,\"lists\":["
	    "{\"name\":\"A\",\"ballots\":5,\"candidates\":[" CAND("X", "1980-01-01") "," CAND("X", "1981-01-01") "]}]}",
	    "en double");
}

static CU_TestInfo tests[] = {
	{ "worked example exactly", test_worked_example_exactly },
	{ "tie on value goes to more votes", test_tie_on_value_goes_to_more_votes },
	{ "tie on value and votes goes to the oldest next candidate", test_tie_on_value_and_votes_goes_to_the_oldest_next_candidate },
	{ "perfect tie goes to list order with a warning", test_perfect_tie_goes_to_list_order_with_a_warning },
	{ "two undecided ties go to list order each with a warning", test_two_undecided_ties_go_to_list_order_each_with_a_warning },
	{ "lots change the engine choice for both ties", test_lots_change_the_engine_choice_for_both_ties },
	{ "one lot leaves the other tie undecided", test_one_lot_leaves_the_other_tie_undecided },
	{ "lots must decide a real tie", test_lots_must_decide_a_real_tie },
	{ "surplus pass gives the seat to another list", test_surplus_pass_gives_the_seat_to_another_list },
	{ "surplus vacant leaves the seats empty", test_surplus_vacant_leaves_the_seats_empty },
	{ "all blank allocates nothing", test_all_blank_allocates_nothing },
	{ "quorum boundary", test_quorum_boundary },
	{ "ten percent boundary", test_ten_percent_boundary },
	{ "representative uses the exact share", test_representative_uses_the_exact_share },
	{ "invalid inputs are listed with their path", test_invalid_inputs_are_listed_with_their_path },
	{ "below the quorum at round 1 only, the elected are indicative", test_indicative_round_1_only },
	CU_TEST_INFO_NULL,
};

int
main(void)
{
	int rc = cu_run("rules", tests);

	json_decref(out_doc);
	return rc;
}
