/* test-calendar.c: opening, closing and grace period (R-ORG-4): no new
 * login after closing, casting in the grace period only for sessions
 * opened before closing. */
#include "config.h"

#include "calendar.h"
#include "cu.h"

/* 08:00 to 17:00, grace 20 minutes (seed 003's example). */
static const struct calendar cal = { 1000, 1000 + 9 * 3600, 1200 };
#define CLOSE (1000 + 9 * 3600)

static void
test_phases_at_each_boundary(void)
{
	CU_ASSERT_EQUAL(calendar_phase(&cal, 999), CAL_BEFORE);
	CU_ASSERT_EQUAL(calendar_phase(&cal, 1000), CAL_OPEN);
	CU_ASSERT_EQUAL(calendar_phase(&cal, CLOSE - 1), CAL_OPEN);
	CU_ASSERT_EQUAL(calendar_phase(&cal, CLOSE), CAL_GRACE);
	CU_ASSERT_EQUAL(calendar_phase(&cal, CLOSE + 1199), CAL_GRACE);
	CU_ASSERT_EQUAL(calendar_phase(&cal, CLOSE + 1200), CAL_CLOSED);
}

static void
test_no_login_outside_the_open_phase(void)
{
	CU_ASSERT_FALSE(calendar_may_login(&cal, 999));
	CU_ASSERT_TRUE(calendar_may_login(&cal, 1000));
	CU_ASSERT_FALSE(calendar_may_login(&cal, CLOSE));
	CU_ASSERT_FALSE(calendar_may_login(&cal, CLOSE + 100));
}

static void
test_grace_only_for_sessions_opened_before_closing(void)
{
	CU_ASSERT_TRUE(calendar_may_cast(&cal, CLOSE + 100, CLOSE - 1));
	CU_ASSERT_FALSE(calendar_may_cast(&cal, CLOSE + 100, CLOSE));
	CU_ASSERT_FALSE(calendar_may_cast(&cal, CLOSE + 1200, CLOSE - 1));
	CU_ASSERT_FALSE(calendar_may_cast(&cal, 999, 500));
	CU_ASSERT_TRUE(calendar_may_cast(&cal, 2000, 1500));
}

static void
test_no_grace_by_default(void)
{
	const struct calendar c = { 1000, 2000, 0 };

	CU_ASSERT_EQUAL(calendar_phase(&c, 2000), CAL_CLOSED);
	CU_ASSERT_FALSE(calendar_may_cast(&c, 2000, 1999));
}

static void
test_french_labels(void)
{
	CU_ASSERT_STRING_EQUAL(calendar_phase_fr(CAL_BEFORE), "Le vote n'est pas encore ouvert.");
	CU_ASSERT_STRING_EQUAL(calendar_phase_name(CAL_GRACE), "prolongation");
}

static CU_TestInfo tests[] = {
	{ "phases at each boundary", test_phases_at_each_boundary },
	{ "no login outside the open phase", test_no_login_outside_the_open_phase },
	{ "grace only for sessions opened before closing", test_grace_only_for_sessions_opened_before_closing },
	{ "no grace by default", test_no_grace_by_default },
	{ "French labels", test_french_labels },
	CU_TEST_INFO_NULL,
};

int
main(void)
{
	return cu_run("calendar", tests);
}
