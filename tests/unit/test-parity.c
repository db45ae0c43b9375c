/* test-parity.c: gender balance of candidate lists (R-DATA-3, L2314-30,
 * rules.md "Gender balance"): counts rounded to the nearest (.5 up),
 * either way for an odd list and equal shares, alternation until one sex
 * is exhausted, the one added candidate of a sex rounded to 0 (never
 * first). Warnings only: each case checks how many and what they say. */
#include "config.h"

#include <string.h>

#include "buf.h"
#include "cu.h"
#include "parity.h"

/* Number of warnings; the text in *msg (static, for the assertions). */
static int
check(const char *sexes, unsigned long w, unsigned long m, const char **msg)
{
	static struct buf b = BUF_INIT;
	int n;

	buf_reset(&b);
	n = parity_check(sexes, w, m, &b);
	*msg = b.data != NULL ? b.data : "";
	return n;
}

static void
test_proportion_rounded_to_nearest(void)
{
	const char *msg;

	/* 60 % women, 5 candidates: 3 women, 2 men */
	CU_ASSERT_EQUAL(check("FMFMF", 60, 40, &msg), 0);
	CU_ASSERT_EQUAL(check("MFMFM", 60, 40, &msg), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "représentation équilibrée : 2 femmes et 3 hommes sur 5 "
	    "candidats, attendu 3 femmes et 2 hommes (électeurs : 60 femmes, 40 hommes)"));
	/* 25 % women, 2 candidates: 0.5 rounds up to 1 woman */
	CU_ASSERT_EQUAL(check("MF", 1, 3, &msg), 0);
	CU_ASSERT_EQUAL(check("MM", 1, 3, &msg), 1);
	/* 25 % women, 6 candidates: 1.5 → 2 women */
	CU_ASSERT_EQUAL(check("MFMFMM", 1, 3, &msg), 0);
	CU_ASSERT_EQUAL(check("MFMMMM", 1, 3, &msg), 1);   /* the count; no woman left to alternate */
	/* 1 candidate, 70 % men: a man */
	CU_ASSERT_EQUAL(check("M", 30, 70, &msg), 0);
	CU_ASSERT_EQUAL(check("F", 30, 70, &msg), 1);
}

static void
test_equal_shares_odd_list_either_way(void)
{
	const char *msg;

	CU_ASSERT_EQUAL(check("FMF", 50, 50, &msg), 0);
	CU_ASSERT_EQUAL(check("MFM", 50, 50, &msg), 0);
	CU_ASSERT_EQUAL(check("FFF", 50, 50, &msg), 1);
	CU_ASSERT_EQUAL(check("MFFM", 50, 50, &msg), 1);   /* alternation only */
	/* not equal shares: 51 % women, 3 candidates → 2 women only */
	CU_ASSERT_EQUAL(check("MFM", 51, 49, &msg), 1);
}

static void
test_alternation_until_one_sex_is_exhausted(void)
{
	const char *msg;

	CU_ASSERT_EQUAL(check("FMFM", 50, 50, &msg), 0);
	CU_ASSERT_EQUAL(check("MFMF", 50, 50, &msg), 0);
	CU_ASSERT_EQUAL(check("FFMM", 50, 50, &msg), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "alternance : les candidats 1 et 2 sont tous deux des "
	    "femmes alors qu'il reste un homme plus loin sur la liste"));
	/* 20 % women, 5 candidates: 1 woman; after her, men only */
	CU_ASSERT_EQUAL(check("MFMMM", 20, 80, &msg), 0);
	CU_ASSERT_EQUAL(check("FMMMM", 20, 80, &msg), 0);
	CU_ASSERT_EQUAL(check("MMFMM", 20, 80, &msg), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "les candidats 1 et 2 sont tous deux des hommes alors "
	    "qu'il reste une femme"));
}

static void
test_sex_rounded_to_zero_may_add_one_not_first(void)
{
	const char *msg;

	/* 5 % women, 3 candidates: 0.15 → 0 women */
	CU_ASSERT_EQUAL(check("MMM", 5, 95, &msg), 0);
	CU_ASSERT_EQUAL(check("MFM", 5, 95, &msg), 0);
	CU_ASSERT_EQUAL(check("MMF", 5, 95, &msg), 0);
	CU_ASSERT_EQUAL(check("FMM", 5, 95, &msg), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "la candidate, seule de son sexe (que l'arrondi exclut), "
	    "ne peut pas être en première position"));
	/* two women is one too many */
	CU_ASSERT_EQUAL(check("MFF", 5, 95, &msg), 1);
	/* the same for men */
	CU_ASSERT_EQUAL(check("FFM", 95, 5, &msg), 0);
	CU_ASSERT_EQUAL(check("MFF", 95, 5, &msg), 1);
	CU_ASSERT_PTR_NOT_NULL(strstr(msg, "le candidat, seul de son sexe"));
}

static void
test_degenerate_inputs(void)
{
	const char *msg;

	CU_ASSERT_EQUAL(check("", 10, 10, &msg), 0);
	CU_ASSERT_EQUAL(check("FM", 0, 0, &msg), 0);    /* no electors: nothing to compare */
	CU_ASSERT_EQUAL(check("MM", 0, 12, &msg), 0);   /* no woman among the electors */
	CU_ASSERT_EQUAL(check("FM", 0, 12, &msg), 1);
}

static CU_TestInfo tests[] = {
	{ "proportion rounded to nearest", test_proportion_rounded_to_nearest },
	{ "equal shares, odd list: either way", test_equal_shares_odd_list_either_way },
	{ "alternation until one sex is exhausted", test_alternation_until_one_sex_is_exhausted },
	{ "sex rounded to zero: one may be added, not first", test_sex_rounded_to_zero_may_add_one_not_first },
	{ "degenerate inputs", test_degenerate_inputs },
	CU_TEST_INFO_NULL,
};

int
main(void)
{
	return cu_run("parity", tests);
}
