/* test-pv.c: the PV's boundary and helpers (lib/pv_model.c, pv_csv.c,
 * pv_db.c): a missing or mistyped field is named, an invalid count result
 * is refused, a category without lists is a carence, CSV quoting, French
 * dates, UTC to Paris time across both daylight-saving changes. */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "cu.h"
#include "pv.h"

static const char *rules_ok =
    "{\"valid\":true,\"options\":{\"surplus\":\"pass\"},\"colleges\":[{\"name\":\"C\",\"titulaires\":"
    "{\"status\":\"ok\",\"seats\":1,\"inscrits\":4,\"votants\":3,\"blancs\":0,\"nuls\":0,\"sve\":3,"
    "\"qe\":\"3/1\",\"qe_decimal\":\"3.000000\",\"quorum_threshold\":2,\"quorum_reached\":true,"
    "\"seats_filled\":1,\"vacant_seats\":0,\"warnings\":[],\"remainder_rounds\":[],\"lists\":[{"
    "\"name\":\"L; \\\"un\\\"\",\"ballots\":3,\"candidates_count\":1,\"average\":\"3/1\","
    "\"average_decimal\":\"3.000000\",\"seats_quotient\":1,\"seats_remainder\":0,\"seats_total\":1,"
    "\"seats_unfilled\":0,\"elected\":[\"Zoé\"],\"representativeness_pct\":\"100.00\","
    "\"representative\":true,\"candidates\":[{\"name\":\"Zoé\",\"sex\":\"F\",\"votes\":3,"
    "\"strikes\":0,\"strikes_counted\":false,\"effective_votes\":3,\"rank\":1,\"elected\":true}]}]},"
    "\"suppleants\":{\"status\":\"no_valid_votes\",\"seats\":1,\"inscrits\":5,\"votants\":0,"
    "\"blancs\":0,\"nuls\":0,\"sve\":0,\"qe\":\"0/1\",\"qe_decimal\":\"0.000000\","
    "\"quorum_threshold\":2.5,\"quorum_reached\":false,\"seats_filled\":0,\"vacant_seats\":1,"
    "\"warnings\":[],\"remainder_rounds\":[],\"lists\":[]}}]}";

static struct pv_doc *
doc(const char *rules, const char *header, struct err *e)
{
	json_t *r = json_loads(rules, 0, NULL), *h = json_loads(header, 0, NULL);
	struct pv_doc *d;

	CU_ASSERT_FATAL(r != NULL && h != NULL);
	d = pv_doc_new(r, h, e);
	json_decref(r);
	json_decref(h);
	return d;
}

static void
test_model_ok(void)
{
	struct err e;
	struct pv_doc *d = doc(rules_ok, "{\"entreprise\":{\"raison_sociale\":\"SA\"},\"tour\":2}", &e);

	CU_ASSERT_FATAL(d != NULL);
	CU_ASSERT_EQUAL(d->ncat, 2);
	CU_ASSERT_FALSE(d->cat[0].carence);
	CU_ASSERT_TRUE(d->cat[1].carence);
	CU_ASSERT_TRUE(d->cat[1].suppleants);
	CU_ASSERT_STRING_EQUAL(d->cat[0].quorum_threshold, "2");
	CU_ASSERT_STRING_EQUAL(d->cat[1].quorum_threshold, "2,5");
	CU_ASSERT_EQUAL(d->cat[0].lists[0].cand[0].sex, 'F');
	CU_ASSERT_EQUAL(d->h.tour, 2);
	CU_ASSERT_STRING_EQUAL(d->h.institution, "Comité social et économique");
	CU_ASSERT_EQUAL(strlen(d->digest), 64);
	pv_doc_free(d);
}

static void
test_model_errors_named(void)
{
	struct err e;
	char bad[4096];
	const char *at;

	CU_ASSERT_PTR_NULL(doc(rules_ok, "{\"entreprise\":{}}", &e));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "entreprise.raison_sociale"));
	CU_ASSERT_PTR_NULL(doc(rules_ok, "{\"entreprise\":{\"raison_sociale\":\"SA\"},\"tour\":3}", &e));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "tour"));
	CU_ASSERT_PTR_NULL(doc("{\"valid\":false,\"errors\":[]}", "{\"entreprise\":{\"raison_sociale\":\"SA\"}}", &e));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "pas valide"));
	/* a mistyped number deep inside: the path is given */
	at = strstr(rules_ok, "\"votes\":3");
	snprintf(bad, sizeof(bad), "%.*s\"votes\":\"3\"%s", (int)(at - rules_ok), rules_ok, at + 9);
	CU_ASSERT_PTR_NULL(doc(bad, "{\"entreprise\":{\"raison_sociale\":\"SA\"}}", &e));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "colleges[0].titulaires.lists[0].candidates[0].votes"));
}

static void
test_csv_quoting(void)
{
	struct err e;
	char path[] = "/tmp/test-pv-XXXXXX", line[2048];
	struct pv_doc *d = doc(rules_ok, "{\"entreprise\":{\"raison_sociale\":\"SA\"}}", &e);
	int fd = mkstemp(path);
	FILE *f;

	CU_ASSERT_FATAL(d != NULL && fd >= 0);
	close(fd);
	CU_ASSERT_EQUAL(pv_csv_write(d, path, &e), 0);
	f = fopen(path, "r");
	CU_ASSERT_FATAL(f != NULL);
	CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof(line), f));
	CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof(line), f));
	CU_ASSERT_PTR_NOT_NULL(strstr(line, ";\"L; \"\"un\"\"\";"));
	CU_ASSERT_PTR_NOT_NULL(fgets(line, sizeof(line), f));
	CU_ASSERT_PTR_NOT_NULL(strstr(line, "C;suppleants;1;1;5;0;0;0;0;0/1;0.000000;non;0;1;CARENCE;"));
	fclose(f);
	unlink(path);
	pv_doc_free(d);
}

static void
test_dates(void)
{
	char out[64];
	static const char *cases[][2] = {
		{ "2026-01-01 07:00:00", "2026-01-01 08:00" },
		{ "2026-03-29 00:59", "2026-03-29 01:59" },   /* last minute of winter time */
		{ "2026-03-29 01:00", "2026-03-29 03:00" },   /* summer time starts */
		{ "2026-10-25 00:59", "2026-10-25 02:59" },
		{ "2026-10-25 01:00", "2026-10-25 02:00" },   /* back to winter time */
		{ "2026-12-31 23:30", "2027-01-01 00:30" },
		{ "2028-02-28 23:00", "2028-02-29 00:00" },   /* leap year */
		{ "hier", "hier" },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		pv_utc_to_paris(cases[i][0], out, sizeof(out));
		CU_ASSERT_STRING_EQUAL(out, cases[i][1]);
	}
	pv_format_datetime("2026-11-23 09:05", out, sizeof(out));
	CU_ASSERT_STRING_EQUAL(out, "23/11/2026 à 09 h 05");
	pv_format_datetime("2026-11-23", out, sizeof(out));
	CU_ASSERT_STRING_EQUAL(out, "23/11/2026");
	pv_format_datetime("lundi", out, sizeof(out));
	CU_ASSERT_STRING_EQUAL(out, "lundi");
}

static CU_TestInfo tests[] = {
	{ "valid documents into the model, carence detected", test_model_ok },
	{ "errors name the field", test_model_errors_named },
	{ "CSV quotes separators and quotes", test_csv_quoting },
	{ "UTC to Paris time, French dates", test_dates },
	CU_TEST_INFO_NULL,
};

int
main(void)
{
	return cu_run("pv", tests);
}
