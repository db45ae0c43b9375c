/* test-bureau.c: personal codes (Argon2id) and the quorum rule of the
 * bureau: president or replacing secretary plus min_others members, each
 * once; majority decisions with the president's casting vote. */
#include "config.h"

#include <string.h>
#include <time.h>

#include "bureau.h"
#include "cu.h"

/* Cheap cost for the tests that only check correctness. */
static const struct bureau_cost fast = { 1, 64, 1 };

static struct bureau_present
member(unsigned id, enum bureau_role r, const char *name)
{
	struct bureau_present p = { .member_id = id, .role = r };

	strcpy(p.name, name);
	return p;
}

static void
test_bureau_president_and_two_members_make_a_quorum(void)
{
	struct bureau_present p[] = {
		member(2, BUREAU_ASSESSEUR, "Anne Martin"),
		member(1, BUREAU_PRESIDENT, "Jean Dupont"),
		member(3, BUREAU_DELEGUE, "Paul Durand"),
	};
	struct bureau_quorum q;
	struct err e;

	CU_ASSERT_EQUAL_FATAL(bureau_quorum_eval(p, 3, 2, &q, &e), 0);
	CU_ASSERT_EQUAL(q.chair, 1);
	CU_ASSERT_EQUAL(q.by_secretary, 0);
	CU_ASSERT_EQUAL(q.others, 2);
	CU_ASSERT_STRING_EQUAL(q.summary, "président : Jean Dupont (n° 1) ; autres membres :"
	    " assesseur Anne Martin (n° 2), délégué Paul Durand (n° 3)");
}

static void
test_bureau_too_few_members_is_refused(void)
{
	struct bureau_present p[] = {
		member(1, BUREAU_PRESIDENT, "Jean Dupont"),
		member(2, BUREAU_ASSESSEUR, "Anne Martin"),
	};
	struct bureau_quorum q;
	struct err e;

	CU_ASSERT_EQUAL(bureau_quorum_eval(p, 2, 2, &q, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "Autorisation refusée : il faut, outre celui du"
	    " président, les codes d'au moins 2 autres membres du bureau (1 saisi).");
	CU_ASSERT_EQUAL(bureau_quorum_eval(p, 1, 2, &q, &e), -1);
}

static void
test_bureau_setting_raises_the_minimum(void)
{
	struct bureau_present p[] = {
		member(1, BUREAU_PRESIDENT, "Jean Dupont"),
		member(2, BUREAU_ASSESSEUR, "Anne Martin"),
		member(3, BUREAU_ASSESSEUR, "Paul Durand"),
	};
	struct bureau_quorum q;
	struct err e;

	CU_ASSERT_EQUAL(bureau_quorum_eval(p, 3, 3, &q, &e), -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "d'au moins 3 autres membres du bureau (2 saisis)"));
	CU_ASSERT_EQUAL(bureau_quorum_eval(p, 3, 1, &q, &e), 0);
}

static void
test_bureau_secretary_replaces_absent_president_and_it_is_recorded(void)
{
	struct bureau_present p[] = {
		member(4, BUREAU_SECRETAIRE, "Lise Roy"),
		member(2, BUREAU_ASSESSEUR, "Anne Martin"),
		member(3, BUREAU_ASSESSEUR, "Paul Durand"),
	};
	struct bureau_quorum q;
	struct err e;

	CU_ASSERT_EQUAL_FATAL(bureau_quorum_eval(p, 3, 2, &q, &e), 0);
	CU_ASSERT_EQUAL(q.chair, 0);
	CU_ASSERT_EQUAL(q.by_secretary, 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(q.summary, "secrétaire remplaçant le président absent :"
	    " Lise Roy (n° 4)"));
}

static void
test_bureau_secretary_beside_president_counts_as_a_member(void)
{
	struct bureau_present p[] = {
		member(4, BUREAU_SECRETAIRE, "Lise Roy"),
		member(1, BUREAU_PRESIDENT, "Jean Dupont"),
		member(3, BUREAU_ASSESSEUR, "Paul Durand"),
	};
	struct bureau_quorum q;
	struct err e;

	CU_ASSERT_EQUAL_FATAL(bureau_quorum_eval(p, 3, 2, &q, &e), 0);
	CU_ASSERT_EQUAL(q.chair, 1);
	CU_ASSERT_EQUAL(q.by_secretary, 0);
}

static void
test_bureau_without_chair_is_refused(void)
{
	struct bureau_present p[] = {
		member(2, BUREAU_ASSESSEUR, "Anne Martin"),
		member(3, BUREAU_ASSESSEUR, "Paul Durand"),
		member(5, BUREAU_DELEGUE, "Marc Petit"),
	};
	struct bureau_quorum q;
	struct err e;

	CU_ASSERT_EQUAL(bureau_quorum_eval(p, 3, 2, &q, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "Autorisation refusée : il faut le code du président,"
	    " ou du secrétaire qui le remplace.");
}

static void
test_bureau_same_member_twice_is_refused(void)
{
	struct bureau_present p[] = {
		member(1, BUREAU_PRESIDENT, "Jean Dupont"),
		member(2, BUREAU_ASSESSEUR, "Anne Martin"),
		member(2, BUREAU_ASSESSEUR, "Anne Martin"),
	};
	struct bureau_quorum q;
	struct err e;

	CU_ASSERT_EQUAL(bureau_quorum_eval(p, 3, 2, &q, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "Autorisation refusée : Anne Martin a saisi son code deux fois.");
}

static void
test_bureau_majority_and_casting_vote(void)
{
	struct bureau_decision d;

	bureau_decide(3, 1, 0, &d);
	CU_ASSERT(d.adopted && !d.casting_vote_used);
	bureau_decide(1, 3, 1, &d);
	CU_ASSERT(!d.adopted && !d.casting_vote_used);
	bureau_decide(2, 2, 1, &d);
	CU_ASSERT(d.adopted && d.casting_vote_used);
	bureau_decide(2, 2, 0, &d);
	CU_ASSERT(!d.adopted && d.casting_vote_used);
}

static void
test_bureau_code_hash_and_check(void)
{
	char h[BUREAU_HASH_MAX];
	struct err e;

	CU_ASSERT_EQUAL_FATAL(bureau_code_hash("Bonne-foi-2026", &fast, h, &e), 0);
	CU_ASSERT_EQUAL(strncmp(h, "$argon2id$", 10), 0);
	CU_ASSERT_EQUAL(bureau_code_check(h, "Bonne-foi-2026", &e), 1);
	CU_ASSERT_EQUAL(bureau_code_check(h, "Bonne-foi-2027", &e), 0);
	CU_ASSERT_EQUAL(bureau_code_check("$argon2id$garbage", "Bonne-foi-2026", &e), -1);
	CU_ASSERT_EQUAL(bureau_code_hash("court", &fast, h, &e), -1);
	CU_ASSERT_STRING_EQUAL(e.msg, "Le code personnel doit compter de 8 à 128 caractères.");
}

static void
test_bureau_default_cost_is_the_documented_one(void)
{
	char h[BUREAU_HASH_MAX];
	struct timespec a, b;
	struct err e;
	double ms;

	CU_ASSERT_EQUAL_FATAL(bureau_code_hash("Bonne-foi-2026", &bureau_cost_default, h, &e), 0);
	CU_ASSERT_EQUAL(strncmp(h, "$argon2id$v=19$m=32768,t=2,p=1$", 31), 0);
	clock_gettime(CLOCK_MONOTONIC, &a);
	CU_ASSERT_EQUAL(bureau_code_check(h, "Bonne-foi-2026", &e), 1);
	clock_gettime(CLOCK_MONOTONIC, &b);
	ms = (b.tv_sec - a.tv_sec) * 1e3 + (b.tv_nsec - a.tv_nsec) / 1e6;
	/* For the record (not asserted: CI machines vary). */
	printf("\n    one code verification: %.1f ms\n", ms);
}

static void
test_bureau_role_names(void)
{
	enum bureau_role r;

	CU_ASSERT_EQUAL(bureau_role_parse("secretaire", &r), 0);
	CU_ASSERT_EQUAL(r, BUREAU_SECRETAIRE);
	CU_ASSERT_STRING_EQUAL(bureau_role_label(r), "secrétaire");
	CU_ASSERT_STRING_EQUAL(bureau_role_name(BUREAU_DELEGUE), "delegue");
	CU_ASSERT_EQUAL(bureau_role_parse("tresorier", &r), -1);
}

static CU_TestInfo tests[] = {
	{ "president + 2 members", test_bureau_president_and_two_members_make_a_quorum },
	{ "too few members refused", test_bureau_too_few_members_is_refused },
	{ "minimum is a setting", test_bureau_setting_raises_the_minimum },
	{ "secretary replaces president", test_bureau_secretary_replaces_absent_president_and_it_is_recorded },
	{ "secretary beside president", test_bureau_secretary_beside_president_counts_as_a_member },
	{ "no chair refused", test_bureau_without_chair_is_refused },
	{ "same member twice refused", test_bureau_same_member_twice_is_refused },
	{ "majority and casting vote", test_bureau_majority_and_casting_vote },
	{ "code hash and check", test_bureau_code_hash_and_check },
	{ "default cost", test_bureau_default_cost_is_the_documented_one },
	{ "role names", test_bureau_role_names },
	CU_TEST_INFO_NULL,
};

int
main(void)
{
	return cu_run("bureau", tests);
}
