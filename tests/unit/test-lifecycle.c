/* test-lifecycle.c: the transition table of a scrutin: every legal
 * transition passes with its authorisation, every other one is refused
 * with a French reason naming the states. */
#include "config.h"

#include <string.h>

#include "cu.h"
#include "lifecycle.h"

#define LABEL "Siège, Cadres, titulaires, 1er tour"

/* The legal transitions, written out independently of lib/lifecycle.c. */
static const struct {
	enum lc_state from, to;
	enum lc_auth auth;
} legal[] = {
	{ LC_DRAFT, LC_LISTS_IMPORTED, LC_AUTH_NONE },
	{ LC_LISTS_IMPORTED, LC_KEYS_GENERATED, LC_AUTH_NONE },
	{ LC_KEYS_GENERATED, LC_TEST_VOTE, LC_AUTH_NONE },
	{ LC_TEST_VOTE, LC_RESET, LC_AUTH_NONE },
	{ LC_RESET, LC_TEST_VOTE, LC_AUTH_NONE },
	{ LC_RESET, LC_SEALED, LC_AUTH_QUORUM },
	{ LC_SEALED, LC_RESET, LC_AUTH_QUORUM },
	{ LC_SEALED, LC_OPEN, LC_AUTH_QUORUM_OR_AUTO },
	{ LC_OPEN, LC_SUSPENDED, LC_AUTH_QUORUM },
	{ LC_OPEN, LC_CLOSED, LC_AUTH_QUORUM_OR_AUTO },
	{ LC_SUSPENDED, LC_OPEN, LC_AUTH_QUORUM },
	{ LC_SUSPENDED, LC_CLOSED, LC_AUTH_QUORUM },
	{ LC_CLOSED, LC_COUNTED, LC_AUTH_QUORUM },
	{ LC_COUNTED, LC_SEALED_AFTER_COUNT, LC_AUTH_QUORUM },
	{ LC_SEALED_AFTER_COUNT, LC_ARCHIVED, LC_AUTH_NONE },
	{ LC_ARCHIVED, LC_DESTROYED, LC_AUTH_QUORUM },
	{ LC_DRAFT, LC_STOPPED, LC_AUTH_QUORUM },
	{ LC_LISTS_IMPORTED, LC_STOPPED, LC_AUTH_QUORUM },
	{ LC_KEYS_GENERATED, LC_STOPPED, LC_AUTH_QUORUM },
	{ LC_TEST_VOTE, LC_STOPPED, LC_AUTH_QUORUM },
	{ LC_RESET, LC_STOPPED, LC_AUTH_QUORUM },
	{ LC_SEALED, LC_STOPPED, LC_AUTH_QUORUM },
	{ LC_OPEN, LC_STOPPED, LC_AUTH_QUORUM },
	{ LC_SUSPENDED, LC_STOPPED, LC_AUTH_QUORUM },
	{ LC_STOPPED, LC_ARCHIVED, LC_AUTH_NONE },
};
#define NLEGAL (sizeof(legal) / sizeof(legal[0]))

static int
is_legal(int from, int to, enum lc_auth *auth)
{
	for (size_t i = 0; i < NLEGAL; i++) {
		if ((int)legal[i].from == from && (int)legal[i].to == to) {
			*auth = legal[i].auth;
			return 1;
		}
	}
	return 0;
}

static void
test_lifecycle_every_legal_transition_passes_with_its_authorisation(void)
{
	for (size_t i = 0; i < NLEGAL; i++) {
		struct err e = { .msg = "" };
		enum lc_auth a = (enum lc_auth)-1;

		CU_ASSERT_EQUAL(lifecycle_check(legal[i].from, legal[i].to, LABEL, &a, &e), 0);
		CU_ASSERT_EQUAL(a, legal[i].auth);
	}
}

static void
test_lifecycle_every_other_transition_is_refused_in_french(void)
{
	unsigned refused = 0;

	for (int f = 0; f < LC_NSTATES; f++) {
		for (int t = 0; t < LC_NSTATES; t++) {
			struct err e = { .msg = "" };
			enum lc_auth a;
			char head[256];

			if (is_legal(f, t, &a))
				continue;
			CU_ASSERT_EQUAL(lifecycle_check(f, t, LABEL, &a, &e), -1);
			snprintf(head, sizeof(head), "Le scrutin « %s » est ", LABEL);
			CU_ASSERT_EQUAL(strncmp(e.msg, head, strlen(head)), 0);
			CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, lifecycle_state_label(f)));
			refused++;
		}
	}
	CU_ASSERT_EQUAL(refused, LC_NSTATES * LC_NSTATES - NLEGAL);
}

static void
expect_refusal(enum lc_state from, enum lc_state to, const char *want)
{
	struct err e = { .msg = "" };

	CU_ASSERT_EQUAL(lifecycle_check(from, to, LABEL, NULL, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, want);
}

static void
test_lifecycle_skipping_states_names_the_missing_steps(void)
{
	expect_refusal(LC_SEALED, LC_COUNTED, "Le scrutin « " LABEL " » est « scellé » :"
	    " impossible de passer à « dépouillé » sans l'ouvrir et le clore.");
	expect_refusal(LC_DRAFT, LC_OPEN, "Le scrutin « " LABEL " » est « en préparation » :"
	    " impossible de passer à « ouvert » sans importer ses listes, générer ses clés,"
	    " faire le vote à blanc, remettre l'urne à zéro et le sceller.");
	expect_refusal(LC_OPEN, LC_COUNTED, "Le scrutin « " LABEL " » est « ouvert » :"
	    " impossible de passer à « dépouillé » sans le clore.");
}

static void
test_lifecycle_path_to_archive_never_goes_through_a_stop(void)
{
	struct err e = { .msg = "" };

	CU_ASSERT_EQUAL(lifecycle_check(LC_OPEN, LC_ARCHIVED, LABEL, NULL, &e), -1);
	CU_ASSERT_PTR_NULL(strstr(e.msg, "arrêter"));
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "sans le clore, le dépouiller et le sceller"
	    " après dépouillement."));
}

static void
test_lifecycle_going_back_is_refused(void)
{
	expect_refusal(LC_OPEN, LC_DRAFT, "Le scrutin « " LABEL " » est « ouvert » :"
	    " impossible de revenir à « en préparation ».");
	expect_refusal(LC_COUNTED, LC_OPEN, "Le scrutin « " LABEL " » est « dépouillé » :"
	    " impossible de revenir à « ouvert ».");
}

static void
test_lifecycle_terminal_and_same_states(void)
{
	expect_refusal(LC_DESTROYED, LC_DRAFT, "Le scrutin « " LABEL " » est « détruit » :"
	    " plus aucun changement d'état n'est possible.");
	expect_refusal(LC_OPEN, LC_OPEN, "Le scrutin « " LABEL " » est déjà « ouvert ».");
	expect_refusal(LC_CLOSED, LC_STOPPED, "Le scrutin « " LABEL " » est « clos » :"
	    " il ne peut plus être arrêté.");
	expect_refusal(LC_STOPPED, LC_OPEN, "Le scrutin « " LABEL " » est « arrêté » :"
	    " impossible de revenir à « ouvert ».");
}

static void
test_lifecycle_state_names_round_trip(void)
{
	struct err e;
	enum lc_state s;

	for (int i = 0; i < LC_NSTATES; i++) {
		CU_ASSERT_EQUAL(lifecycle_state_parse(lifecycle_state_name(i), &s, &e), 0);
		CU_ASSERT_EQUAL(s, i);
	}
	CU_ASSERT_EQUAL(lifecycle_state_parse("ouvert", &s, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "état inconnu « ouvert »"));
	CU_ASSERT_EQUAL(lifecycle_check(LC_NSTATES, LC_OPEN, LABEL, NULL, &e), -1);
}

static void
test_lifecycle_label_reads_naturally(void)
{
	char out[LC_LABEL_MAX];

	lifecycle_label("Siège", "Cadres", "suppleants", 2, out);
	CU_ASSERT_STRING_EQUAL(out, "Siège, Cadres, suppléants, 2e tour");
	lifecycle_label("Lyon", "Employés", "titulaires", 1, out);
	CU_ASSERT_STRING_EQUAL(out, "Lyon, Employés, titulaires, 1er tour");
}

static CU_TestInfo tests[] = {
	{ "every legal transition passes", test_lifecycle_every_legal_transition_passes_with_its_authorisation },
	{ "every other transition is refused", test_lifecycle_every_other_transition_is_refused_in_french },
	{ "skipped states are named", test_lifecycle_skipping_states_names_the_missing_steps },
	{ "no path through a stop", test_lifecycle_path_to_archive_never_goes_through_a_stop },
	{ "going back is refused", test_lifecycle_going_back_is_refused },
	{ "terminal and same states", test_lifecycle_terminal_and_same_states },
	{ "state names round trip", test_lifecycle_state_names_round_trip },
	{ "scrutin label", test_lifecycle_label_reads_naturally },
	CU_TEST_INFO_NULL,
};

int
main(void)
{
	return cu_run("lifecycle", tests);
}
