/* fuzz-count: the combination of partial decryptions (lib/count.c,
 * lib/threshold.c, lib/dlog.c) as isoloir-verify count reads them from
 * public files. Input: {"public", "totals", "partials": [...]} (the
 * corpus: a 2-of-3 count made by seed-count.c). Invariants: a result has
 * `threshold` distinct holders and one count per total, each at most the
 * number of ballots; a refusal says why. Every input must finish quickly:
 * libFuzzer's -timeout catches a count that runs away. */
#include "config.h"

#include "count.h"
#include "fuzz.h"
#include "threshold.h"

static void
check_result(const json_t *res, const json_t *pub, const json_t *tot)
{
	const json_t *holders = json_object_get(res, "holders"), *counts = json_object_get(res, "counts");
	json_int_t ballots = json_integer_value(json_object_get(res, "ballots"));
	size_t i, j;
	const json_t *v;

	FUZZ_CHECK((json_int_t)json_array_size(holders) == json_integer_value(json_object_get(pub, "threshold")));
	json_array_foreach(holders, i, v)
		for (j = 0; j < i; j++)
			FUZZ_CHECK(!json_equal(v, json_array_get(holders, j)));
	FUZZ_CHECK(json_array_size(counts) == json_array_size(json_object_get(tot, "totals")));
	json_array_foreach(counts, i, v)
		FUZZ_CHECK(json_integer_value(v) >= 0 && json_integer_value(v) <= ballots);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *doc = fuzz_json(data, size), *parts[THR_MAX], *res;
	const json_t *pub = json_object_get(doc, "public"), *tot = json_object_get(doc, "totals");
	size_t m = 0, i;
	json_t *p;
	struct err e;

	if (doc == NULL)
		return 0;
	json_array_foreach(json_object_get(doc, "partials"), i, p)
		if (m < THR_MAX)
			parts[m++] = p;
	if ((res = count_combine(pub, tot, parts, m, &e)) != NULL)
		check_result(res, pub, tot);
	else
		FUZZ_NOTE("refused: %s\n", e.msg);
	json_decref(res);
	json_decref(doc);
	return 0;
}
