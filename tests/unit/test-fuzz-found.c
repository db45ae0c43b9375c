/* test-fuzz-found.c: one regression test per bug that the fuzz targets of
 * tests/fuzz/ found in lib/ (their inputs are also in the seed corpus). */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "board.h"
#include "count.h"
#include "err.h"
#include "cu.h"
#include "import_electors.h"
#include "rules.h"
#include "seal.h"
#include "session.h"
#include "text.h"
#include "threshold.h"

static void
test_utf8_cut_keeps_whole_characters(void)
{
	char s[16];

	strcpy(s, "ab\xc3\xa9");          /* "abé" whole */
	text_utf8_cut(s);
	CU_ASSERT_STRING_EQUAL(s, "ab\xc3\xa9");
	strcpy(s, "ab\xc3");              /* é cut after its first byte */
	text_utf8_cut(s);
	CU_ASSERT_STRING_EQUAL(s, "ab");
	strcpy(s, "a\xe2\x80");           /* … cut after two of three bytes */
	text_utf8_cut(s);
	CU_ASSERT_STRING_EQUAL(s, "a");
	strcpy(s, "a\xf0\x9f\x97\xb3");   /* a 4-byte character, whole */
	text_utf8_cut(s);
	CU_ASSERT_STRING_EQUAL(s, "a\xf0\x9f\x97\xb3");
	strcpy(s, "");
	text_utf8_cut(s);
	CU_ASSERT_STRING_EQUAL(s, "");
}

/* A 1000-character value quoted in an error message was cut mid-character. */
static void
test_import_long_value_message_is_utf8(void)
{
	static const char *const colleges[] = { "Cadres" };
	struct import_opts o = { .colleges = colleges, .ncolleges = 1, .election_date = 20261201 };
	struct import_report rep;
	char path[] = "/tmp/test-fuzz-found-XXXXXX";
	int fd = mkstemp(path), bad = 0;
	FILE *f = fdopen(fd, "w");
	struct err e;

	fputs("matricule;nom;nom_usage;prenom;sexe;date_naissance;etablissement;site;college;"
	    "statut;adresse;code_postal;ville;email;telephone;cle_nir\n"
	    "M1;Nom;;Zoé;F;01/01/1980;Siège;;Cadres;salarie;1 rue;79000;Niort;x", f);
	for (int i = 0; i < 1000; i++)
		fputs("é", f);
	fputs(";;42\n", f);
	fclose(f);
	CU_ASSERT_EQUAL_FATAL(import_electors(path, &o, NULL, NULL, &rep, &e), 0);
	CU_ASSERT(rep.kept >= 1);
	for (size_t i = 0; i < rep.kept; i++)
		bad += !text_utf8_valid(rep.errors[i], strlen(rep.errors[i]));
	CU_ASSERT_EQUAL(bad, 0);
	import_report_free(&rep);
	unlink(path);
}

static json_t *
rules_doc(int seats, const char *name1, const char *name2)
{
	return json_pack("{s:[{s:s, s:{s:i, s:i, s:i, s:i, s:i, s:[{s:s, s:i, s:[{s:s, s:s, s:s},"
	    " {s:s, s:s, s:s}]}]}}]}", "colleges", "name", "C", "titulaires", "seats", seats,
	    "inscrits", 10, "votants", 8, "blancs", 0, "nuls", 0, "lists", "name", "A", "ballots", 8,
	    "candidates", "name", name1, "sex", "F", "birthdate", "1980-01-01",
	    "name", name2, "sex", "H", "birthdate", "1981-01-01");
}

/* The "en double" error quoting a long name was cut mid-character, then
 * dropped by json_string(): the duplicate passed as valid. */
static void
test_rules_long_duplicate_name_refused(void)
{
	char name[601];
	json_t *in, *out;

	for (int i = 0; i < 300; i++)
		memcpy(name + 2 * i, "\xc3\xa9", 2);
	name[600] = '\0';
	in = rules_doc(2, name, name);
	out = rules_run_json(in);
	CU_ASSERT(json_is_false(json_object_get(out, "valid")));
	CU_ASSERT_EQUAL(json_array_size(json_object_get(out, "errors")), 1);
	json_decref(in);
	json_decref(out);
}

/* seats = 10^8 made rules_allocate ask for 130 GB. */
static void
test_rules_seats_bounded(void)
{
	json_t *in = rules_doc(RULES_MAX_SEATS + 1, "A1", "A2"), *out = rules_run_json(in);

	CU_ASSERT(json_is_false(json_object_get(out, "valid")));
	json_decref(in);
	json_decref(out);
	in = rules_doc(RULES_MAX_SEATS, "A1", "A2");
	out = rules_run_json(in);
	CU_ASSERT(json_is_true(json_object_get(out, "valid")));
	json_decref(in);
	json_decref(out);
}

/* issued < 0 overflowed now − issued (undefined; with gcc's wrap-around
 * such a token never expired). */
static void
test_session_negative_time_refused(void)
{
	static const unsigned char key[SESSION_KEY_LEN] = { 1 };
	static const struct session_limits lim = { 900, 7200 };
	struct session s = { 42, 1, INT64_MIN + 10, INT64_MIN + 10, { 0 }, 0 }, t;
	char tok[SESSION_TOKEN_MAX];
	struct err e;

	session_encode(key, &s, tok);
	CU_ASSERT_EQUAL(session_decode(key, tok, 1796000000, &lim, &t, &e), -1);
	s.issued = s.seen = -5;
	session_encode(key, &s, tok);
	CU_ASSERT_EQUAL(session_decode(key, tok, 100, &lim, &t, &e), -1);
}

/* "ballots" is under no proof: -1 made the search for a count endless. */
static void
test_count_ballots_bounded(void)
{
	const char *src = getenv("ISOLOIR_SRCDIR");
	char path[4096];
	json_error_t je;
	json_t *doc, *parts[3], *res, *tot;
	struct err e;
	size_t n = 0;

	snprintf(path, sizeof(path), "%s/tests/fuzz/corpus/count/4x3.json", src ? src : ".");
	doc = json_load_file(path, 0, &je);
	CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
	tot = json_object_get(doc, "totals");
	for (; n < 3; n++)
		parts[n] = json_array_get(json_object_get(doc, "partials"), n);
	res = count_combine(json_object_get(doc, "public"), tot, parts, n, &e);
	CU_ASSERT_PTR_NOT_NULL_FATAL(res);
	/* the vector's ballot: list 1 (of 4) with candidates 1 and 3 of 3 kept */
	CU_ASSERT_EQUAL(json_integer_value(json_array_get(json_object_get(res, "counts"), 1)), 1);
	CU_ASSERT_EQUAL(json_integer_value(json_array_get(json_object_get(res, "counts"), 0)), 0);
	json_decref(res);
	json_object_set_new(tot, "ballots", json_integer(-1));
	CU_ASSERT_PTR_NULL(count_combine(json_object_get(doc, "public"), tot, parts, n, &e));
	json_object_set_new(tot, "ballots", json_integer(COUNT_MAX_BALLOTS + 1));
	CU_ASSERT_PTR_NULL(count_combine(json_object_get(doc, "public"), tot, parts, n, &e));
	json_decref(doc);
}

/* A seal's content read 2^32 + 7 as scrutin 7, and wrote ids above 2^31 as
 * negative numbers that it then refused to read back. */
static void
test_seal_content_scrutin_strict(void)
{
	struct seal_parts p, q;
	struct err e;
	json_t *j;
	char *text;

	memset(&p, 0, sizeof(p));
	p.scrutin_id = 2147483648u;
	strcpy(p.kind, "sealed");
	j = seal_content(&p);
	text = json_dumps(j, JSON_COMPACT);
	CU_ASSERT_EQUAL(seal_content_parse(text, &q, &e), 0);
	CU_ASSERT_EQUAL(q.scrutin_id, 2147483648u);
	free(text);
	json_object_set_new(j, "scrutin", json_integer(4294967303LL));
	text = json_dumps(j, JSON_COMPACT);
	CU_ASSERT_EQUAL(seal_content_parse(text, &q, &e), -1);
	free(text);
	json_decref(j);
}

/* fuzz-board: a board whose two ballots carry the same tracker of 300
 * "é" — the message quoting it was cut at ERR_MSG_MAX in the middle of a
 * character, and isoloir-verify printed broken UTF-8. */
static void
test_err_cut_stays_utf8(void)
{
	char big[700];
	struct err e;

	for (size_t i = 0; i < 690; i += 2)
		memcpy(big + i, "\xc3\xa9", 2);
	big[690] = '\0';
	for (size_t shift = 0; shift < 4; shift++) {
		/* the cut falls at each offset of a character */
		err_set(&e, "%.*straceur %s", (int)shift, "xxx", big);
		CU_ASSERT_TRUE(text_utf8_valid(e.msg, strlen(e.msg)));
		CU_ASSERT_EQUAL(strncmp(e.msg + shift, "traceur \xc3\xa9", 10), 0);
		err_prefix(&e, "%.*s", (int)shift + 1, "yyyy");
		CU_ASSERT_TRUE(text_utf8_valid(e.msg, strlen(e.msg)));
	}
	err_set(&e, "%s", "a\xc3\xa9" "b\xff\xe2\x80" "c");   /* a broken fragment in the middle */
	CU_ASSERT_STRING_EQUAL(e.msg, "a\xc3\xa9" "b???c");
}

static void
test_board_long_tracker_message_is_utf8(void)
{
	char path[1024];
	const char *src = getenv("ISOLOIR_SRCDIR");
	struct board_summary sum;
	json_error_t je;
	struct err e;
	json_t *b;

	snprintf(path, sizeof(path), "%s/tests/fuzz/corpus/board/regress-message-cut-mid-character.json",
	    src ? src : ".");
	b = json_load_file(path, JSON_REJECT_DUPLICATES, &je);
	CU_ASSERT_PTR_NOT_NULL_FATAL(b);
	CU_ASSERT_EQUAL(board_verify(b, &sum, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "traceur \xc3\xa9\xc3\xa9"));
	CU_ASSERT_TRUE(text_utf8_valid(e.msg, strlen(e.msg)));
	json_decref(b);
}

int
main(void)
{
	CU_TestInfo tests[] = {
		{ "err: a message cut at its size stays UTF-8", test_err_cut_stays_utf8 },
		{ "board: a long repeated tracker quoted in an error stays UTF-8", test_board_long_tracker_message_is_utf8 },
		{ "text_utf8_cut keeps whole characters", test_utf8_cut_keeps_whole_characters },
		{ "import: a long value quoted in an error stays UTF-8", test_import_long_value_message_is_utf8 },
		{ "rules: a duplicate long name is refused", test_rules_long_duplicate_name_refused },
		{ "rules: seats bounded", test_rules_seats_bounded },
		{ "session: a negative time is refused", test_session_negative_time_refused },
		{ "count: ballots bounded", test_count_ballots_bounded },
		{ "seal: the scrutin of a content is read strictly", test_seal_content_scrutin_strict },
		CU_TEST_INFO_NULL,
	};

	return cu_run("fuzz-found", tests);
}
