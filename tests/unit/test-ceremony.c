/* test-ceremony.c: the ordering rules of the ceremonies (R-BUR-10) and
 * the test vote's plan and comparison (R-BUR-2), without database: the
 * sealing meeting's order as R-BUR-10 states it, only the next step can
 * be done, each once; which states a ceremony starts from; the plan covers
 * each list, blank, nul, a strike and all struck; expected counts from a
 * plan; a difference named per list or candidate. */
#include "config.h"

#include <string.h>

#include "ceremony.h"
#include "cu.h"
#include "testvote.h"

#define LABEL "Siège, Cadres, titulaires, 1er tour"

static void
test_sealing_meeting_follows_the_requirement_order(void)
{
	/* R-BUR-10: lists → keys → test vote → reset → PV provisoire → seal */
	static const char *const want[] = {"listes", "professions_de_foi",
	    "cles", "vote_blanc", "remise_a_zero", "pv_provisoire",
	    "scellement", "journal"};
	const struct cer_step_def *s;
	size_t n;

	s = ceremony_steps(CER_SEALING, &n);
	CU_ASSERT_EQUAL_FATAL(n, sizeof(want) / sizeof(want[0]));
	for (size_t i = 0; i < n; i++)
		CU_ASSERT_STRING_EQUAL(s[i].key, want[i]);
	CU_ASSERT_EQUAL(s[6].how, CER_ACTION);
	CU_ASSERT_EQUAL(s[5].how, CER_STATEMENT);
	CU_ASSERT_EQUAL(s[3].how, CER_CHECK);
}

static void
test_only_the_next_step_can_be_done(void)
{
	for (int k = 0; k < CER_NKINDS; k++) {
		const struct cer_step_def *s;
		size_t n, idx;
		struct err e;

		s = ceremony_steps((enum cer_kind)k, &n);
		CU_ASSERT_TRUE_FATAL(n >= 3);
		for (size_t done = 0; done <= n; done++) {
			for (size_t i = 0; i < n; i++) {
				int rc = ceremony_order_check(
				    (enum cer_kind)k, done, s[i].key, &idx, &e);
				/* a key used twice in one kind would make this
				 * ambiguous */
				if (i == done) {
					CU_ASSERT_EQUAL(rc, 0);
					CU_ASSERT_EQUAL(idx, i);
				} else {
					CU_ASSERT_EQUAL(rc, -1);
					CU_ASSERT_PTR_NOT_NULL(strstr(e.msg,
					    i < done ? "est déjà faite"
					             : "ne peut pas être faite "
					               "avant"));
				}
			}
		}
	}
}

static void
test_refusal_names_the_missing_step(void)
{
	size_t idx;
	struct err e;

	CU_ASSERT_EQUAL(
	    ceremony_order_check(CER_SEALING, 3, "scellement", &idx, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg,
	    "L'étape « Scellement (codes du président et de deux membres) »"
	    " ne peut pas être faite avant « Vote à blanc : résultats "
	    "conformes au plan ».");
	CU_ASSERT_EQUAL(
	    ceremony_order_check(CER_SEALING, 0, "ouverture", &idx, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg,
	    "Étape « ouverture » inconnue pour la réunion de scellement.");
	CU_ASSERT_EQUAL(
	    ceremony_order_check(CER_OPENING, 4, "journal", &idx, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "déjà faite"));
}

static void
test_ceremonies_start_from_their_states(void)
{
	struct err e;
	int ok[CER_NKINDS] = {0};

	for (int s = 0; s < LC_NSTATES; s++)
		for (int k = 0; k < CER_NKINDS; k++)
			ok[k] += ceremony_start_check((enum cer_kind)k,
			             (enum lc_state)s, LABEL, &e) == 0;
	CU_ASSERT_EQUAL(ok[CER_SEALING], 4);
	CU_ASSERT_EQUAL(ok[CER_OPENING], 2);
	CU_ASSERT_EQUAL(ok[CER_CLOSING], 3);
	CU_ASSERT_EQUAL(ok[CER_COUNTING], 2);
	CU_ASSERT_EQUAL(
	    ceremony_start_check(CER_SEALING, LC_SEALED, LABEL, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg,
	    "Le scrutin « " LABEL " » est « scellé » : la réunion de "
	    "scellement ne peut pas commencer.");
	CU_ASSERT_EQUAL(
	    ceremony_start_check(CER_OPENING, LC_RESET, LABEL, &e), -1);
	/* the article goes with the noun: « l'ouverture », « le dépouillement »
	 */
	CU_ASSERT_STRING_EQUAL(e.msg,
	    "Le scrutin « " LABEL " » est « remis à zéro » : "
	    "l'ouverture du scrutin ne peut pas commencer.");
	CU_ASSERT_EQUAL(
	    ceremony_start_check(CER_COUNTING, LC_SEALED, LABEL, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, ": le dépouillement ne peut pas"));
	CU_ASSERT_EQUAL(
	    ceremony_start_check(CER_COUNTING, LC_OPEN, LABEL, &e), -1);
}

static void
test_kind_names_and_titles(void)
{
	enum cer_kind k;
	struct err e;

	CU_ASSERT_EQUAL(ceremony_kind_parse("scellement", &k, &e), 0);
	CU_ASSERT_EQUAL(k, CER_SEALING);
	CU_ASSERT_EQUAL(ceremony_kind_parse("clôture", &k, &e), 0);
	CU_ASSERT_EQUAL(k, CER_CLOSING);
	CU_ASSERT_EQUAL(ceremony_kind_parse("depouillement", &k, &e), 0);
	CU_ASSERT_EQUAL(k, CER_COUNTING);
	CU_ASSERT_EQUAL(ceremony_kind_parse("fête", &k, &e), -1);
	CU_ASSERT_STRING_EQUAL(ceremony_kind_title(CER_SEALING, 0),
	    "Procès-verbal de scellement provisoire");
	CU_ASSERT_STRING_EQUAL(
	    ceremony_kind_title(CER_SEALING, 1), "Procès-verbal de scellement");
	CU_ASSERT_STRING_EQUAL(ceremony_kind_title(CER_OPENING, 0),
	    "Procès-verbal d'ouverture du scrutin");
}

/* Two lists (3 and 1 names) as the ballot page gives them. */
static json_t *
two_lists(void)
{
	return json_pack(
	    "[{s:s,s:[{s:s,s:s},{s:s,s:s},{s:s,s:s}]},{s:s,s:[{s:s,s:s}]}]",
	    "nom", "Liste A", "candidats", "prenom", "Léa", "nom", "Martin",
	    "prenom", "Hugo", "nom", "Bernard", "prenom", "Chloé", "nom",
	    "Petit", "nom", "Liste B", "candidats", "prenom", "Noé", "nom",
	    "Durand");
}

static void
test_plan_covers_every_case(void)
{
	struct tv_case c[TV_MAX_CASES];
	json_t *l = two_lists();
	size_t n = testvote_cases(l, 1, c, TV_MAX_CASES);

	/* A, B, blank, nul, A with Chloé Petit struck, A all struck (blank) */
	CU_ASSERT_EQUAL_FATAL(n, 6);
	CU_ASSERT_EQUAL(c[0].choice, 0);
	CU_ASSERT_STRING_EQUAL(c[0].kept, "111");
	CU_ASSERT_EQUAL(c[1].choice, 1);
	CU_ASSERT_EQUAL(c[2].choice, -1);
	CU_ASSERT_EQUAL(c[3].choice, -2);
	CU_ASSERT_EQUAL(c[4].choice, 0);
	CU_ASSERT_STRING_EQUAL(c[4].kept, "110");
	CU_ASSERT_STRING_EQUAL(
	    c[4].label, "Voter « Liste A » en rayant « Chloé Petit »");
	CU_ASSERT_EQUAL(c[5].choice, -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(c[5].label, "tous les noms"));
	CU_ASSERT_EQUAL(testvote_cases(l, 0, c, TV_MAX_CASES), 5);
	json_decref(l);
}

static void
test_expected_counts_and_differences(void)
{
	struct tv_case c[TV_MAX_CASES];
	json_t *l = two_lists(), *want, *got, *cmp;
	size_t n = testvote_cases(l, 0, c, TV_MAX_CASES);
	char report[512];
	int conformes;

	/* slots: A, B, blank; Léa, Hugo, Chloé, Noé */
	want = testvote_expected(l, 0, c, n);
	got = json_pack("[i,i,i,i,i,i,i]", 2, 1, 2, 2, 2, 1, 1);
	CU_ASSERT_TRUE(json_equal(want, got));
	cmp =
	    testvote_diff(l, 0, want, got, &conformes, report, sizeof(report));
	CU_ASSERT_EQUAL(conformes, 1);
	CU_ASSERT_STRING_EQUAL(report, "conformes");
	CU_ASSERT_EQUAL(json_array_size(cmp), 7);
	CU_ASSERT_STRING_EQUAL(
	    json_string_value(json_object_get(json_array_get(cmp, 5), "ligne")),
	    "Chloé Petit (Liste A)");
	json_decref(cmp);
	json_array_set_new(got, 5, json_integer(2));
	json_array_set_new(got, 1, json_integer(0));
	cmp =
	    testvote_diff(l, 0, want, got, &conformes, report, sizeof(report));
	CU_ASSERT_EQUAL(conformes, 0);
	CU_ASSERT_STRING_EQUAL(report,
	    "différences : Liste B : 1 attendu(s), 0 obtenu(s) ; "
	    "Chloé Petit (Liste A) : 1 attendu(s), 2 obtenu(s)");
	json_decref(cmp);
	json_array_remove(got, 6);
	cmp =
	    testvote_diff(l, 0, want, got, &conformes, report, sizeof(report));
	CU_ASSERT_EQUAL(conformes, 0);
	CU_ASSERT_PTR_NOT_NULL(
	    strstr(report, "6 compteurs obtenus au lieu de 7"));
	json_decref(cmp);
	json_decref(want);
	json_decref(got);
	json_decref(l);
}

static CU_TestInfo tests[] = {
    {"sealing meeting order (R-BUR-10)",
        test_sealing_meeting_follows_the_requirement_order},
    {"only the next step", test_only_the_next_step_can_be_done},
    {"refusal names the missing step", test_refusal_names_the_missing_step},
    {"start states", test_ceremonies_start_from_their_states},
    {"kind names and titles", test_kind_names_and_titles},
    {"test vote plan covers every case", test_plan_covers_every_case},
    {"expected counts and differences", test_expected_counts_and_differences},
    CU_TEST_INFO_NULL,
};

int
main(void)
{
	return cu_run("ceremony", tests);
}
