/* fuzz-board: the public bulletin board as `isoloir-verify election`
 * reads it (JSON with duplicate keys refused, then lib/board_verify.c,
 * docs/protocol.md §10, format 2). Seeds: small boards made by
 * seed-board.mjs with the browser's code (2 of 3 holders, shapes 2+1
 * with its result, 1 with nul, an empty urn; "president required" groups
 * with sub-urns). Invariants: a refusal says why, in valid UTF-8; an
 * accepted board's summary matches the document: its scrutin, its number
 * of ballots (and the sub-urns' adding up to it), the holders combined
 * (`threshold` distinct ones among 1..n, or the sum of the groups'
 * thresholds), one count per total, each at most the number of ballots.
 * The same bytes read from a file in bounded memory (board_verify_file,
 * lib/board_scan.c, §10.4) are accepted exactly when the document is,
 * with the same summary.
 * Every input must finish quickly (libFuzzer's -timeout). */
#include "config.h"

#include <ctype.h>
#include <unistd.h>

#include "board.h"
#include "fuzz.h"
#include "text.h"

/* The holder numbers of the summary ("détenteurs 3 1", or "groupe
 * president : 1 ; groupe autres : 3 1"): how many, all within 1..max. */
static size_t
holders_listed(const char *h, unsigned max, unsigned *seen)
{
	size_t count = 0;

	for (const char *p = h; *p != '\0'; p++) {
		if (!isdigit((unsigned char)*p) ||
		    (p > h && isdigit((unsigned char)p[-1])))
			continue;
		unsigned x = (unsigned)strtoul(p, NULL, 10);
		FUZZ_CHECK(x >= 1 && x <= max);
		seen[x]++;
		count++;
	}
	return count;
}

static void
check_accepted(const json_t *doc, const struct board_summary *s)
{
	const json_t *el = json_object_get(doc, "election"),
	             *counts = json_object_get(doc, "counts");
	const json_t *groups = json_object_get(el, "groups"), *g;
	unsigned seen[THR_MAX + 1] = {0};
	json_int_t k = 0;
	size_t i;
	const json_t *c;

	FUZZ_CHECK(s->scrutin == json_integer_value(json_object_get(
	                             json_object_get(doc, "scrutin"), "id")));
	FUZZ_CHECK(
	    s->ballots == json_array_size(json_object_get(doc, "ballots")));
	FUZZ_CHECK(text_utf8_valid(s->holders, strlen(s->holders)));
	if (groups == NULL) {
		json_int_t n =
		    json_integer_value(json_object_get(el, "holders"));
		k = json_integer_value(json_object_get(el, "threshold"));
		FUZZ_CHECK(k >= 1 && k <= n && n <= THR_MAX);
		FUZZ_CHECK(strncmp(s->holders, "détenteurs",
		               strlen("détenteurs")) == 0);
		FUZZ_CHECK((json_int_t)holders_listed(
		               s->holders, (unsigned)n, seen) == k);
		for (unsigned x = 1; x <= THR_MAX; x++)
			FUZZ_CHECK(seen[x] <= 1);
	} else {
		json_array_foreach(groups, i, g) k +=
		    json_integer_value(json_object_get(g, "threshold"));
		FUZZ_CHECK(json_array_size(groups) == 2 &&
		           strncmp(s->holders, "groupe president :", 18) == 0);
		FUZZ_CHECK(
		    (json_int_t)holders_listed(s->holders, THR_MAX, seen) == k);
	}
	if (json_is_true(
	        json_object_get(json_object_get(doc, "scrutin"), "sub_urns")))
		FUZZ_CHECK(s->sub_urns == 2 &&
		           s->sub_ballots[0] + s->sub_ballots[1] == s->ballots);
	else
		FUZZ_CHECK(s->sub_urns == 0 &&
		           json_object_get(doc, "sub_urns") == NULL);
	FUZZ_CHECK(json_array_size(counts) ==
	           json_array_size(json_object_get(
	               json_object_get(doc, "tally"), "totals")));
	json_array_foreach(counts, i, c)
	    FUZZ_CHECK(json_is_integer(c) && json_integer_value(c) >= 0 &&
	               (unsigned long)json_integer_value(c) <= s->ballots);
}

/* The streaming reader on the same bytes: same verdict, same summary. */
static void
check_file(const uint8_t *data, size_t size, int accepted, const struct board_summary *s)
{
	char path[32];
	struct board_summary fs;
	struct err e;
	int fd = fuzz_file(data, size, path), rc;

	e.msg[0] = '\0';
	rc = board_verify_file(path, &fs, NULL, &e);
	close(fd);
	FUZZ_CHECK((rc == 0) == accepted);
	if (rc == 0)
		FUZZ_CHECK(fs.ballots == s->ballots && fs.partials == s->partials &&
		    fs.sub_urns == s->sub_urns && strcmp(fs.holders, s->holders) == 0);
	else
		FUZZ_CHECK(e.msg[0] != '\0' && text_utf8_valid(e.msg, strlen(e.msg)));
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	json_t *doc = fuzz_json(data, size);
	struct board_summary s;
	struct err e;
	int ok;

	if (doc == NULL)
		return 0;
	e.msg[0] = '\0';
	ok = board_verify(doc, &s, &e) == 0;
	check_file(data, size, ok, &s);
	if (ok) {
		check_accepted(doc, &s);
	} else {
		FUZZ_CHECK(
		    e.msg[0] != '\0' && text_utf8_valid(e.msg, strlen(e.msg)));
		FUZZ_NOTE("refused: %s\n", e.msg);
	}
	json_decref(doc);
	return 0;
}
