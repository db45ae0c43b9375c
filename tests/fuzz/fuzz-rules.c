/* fuzz-rules: the counting law's input document (lib/rules_json.c,
 * rules-schema.md) and the allocation behind it. Invariants: there is
 * always an answer, {"valid": false, "errors": [...]} with at least one
 * error, or {"valid": true} where, per category, seats_filled +
 * vacant_seats = seats, each list's seats_total = seats_quotient +
 * seats_remainder = its number of elected (distinct candidates of that
 * list, each flagged elected) <= candidates_count, and seats_unfilled is
 * 0 with surplus "pass". */
#include "config.h"

#include "fuzz.h"
#include "rules.h"

static json_int_t
ival(const json_t *o, const char *k)
{
	const json_t *v = json_object_get(o, k);

	FUZZ_CHECK(json_is_integer(v));
	return json_integer_value(v);
}

static json_int_t
check_list(const json_t *l, int pass)
{
	const json_t *elected = json_object_get(l, "elected"), *cands = json_object_get(l, "candidates");
	json_int_t total = ival(l, "seats_total"), flagged = 0;
	size_t i, j;
	const json_t *v, *c;

	FUZZ_CHECK(total == ival(l, "seats_quotient") + ival(l, "seats_remainder"));
	FUZZ_CHECK(total >= 0 && total == (json_int_t)json_array_size(elected));
	FUZZ_CHECK(total <= ival(l, "candidates_count"));
	FUZZ_CHECK(!pass || ival(l, "seats_unfilled") == 0);
	json_array_foreach(elected, i, v) {
		int found = 0;
		for (j = 0; j < i; j++)
			FUZZ_CHECK(!json_equal(v, json_array_get(elected, j)));
		json_array_foreach(cands, j, c)
			if (json_equal(json_object_get(c, "name"), v)) {
				FUZZ_CHECK(json_is_true(json_object_get(c, "elected")));
				found = 1;
			}
		FUZZ_CHECK(found);
	}
	json_array_foreach(cands, j, c)
		flagged += json_is_true(json_object_get(c, "elected"));
	FUZZ_CHECK(flagged == total);
	return total;
}

static void
check_category(const json_t *c, int pass)
{
	json_int_t filled = 0;
	size_t i;
	const json_t *l;

	if (c == NULL)
		return;
	FUZZ_CHECK(ival(c, "seats_filled") + ival(c, "vacant_seats") == ival(c, "seats"));
	FUZZ_CHECK(ival(c, "seats_filled") >= 0 && ival(c, "vacant_seats") >= 0);
	json_array_foreach(json_object_get(c, "lists"), i, l)
		filled += check_list(l, pass);
	FUZZ_CHECK(filled == ival(c, "seats_filled"));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *in = fuzz_json(data, size), *out;
	const json_t *col;
	size_t i;

	if (in == NULL)
		return 0;
	out = rules_run_json(in);
	FUZZ_CHECK(out != NULL && json_is_boolean(json_object_get(out, "valid")));
	if (json_is_false(json_object_get(out, "valid"))) {
		FUZZ_CHECK(json_array_size(json_object_get(out, "errors")) > 0);
	} else {
		int pass = strcmp(json_string_value(json_object_get(json_object_get(out, "options"),
		    "surplus")), "pass") == 0;
		json_array_foreach(json_object_get(out, "colleges"), i, col) {
			check_category(json_object_get(col, "titulaires"), pass);
			check_category(json_object_get(col, "suppleants"), pass);
		}
	}
	json_decref(out);
	json_decref(in);
	return 0;
}
