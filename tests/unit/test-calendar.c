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

/* Paris time across both EU changes of 2026 (29 March, 25 October, at
 * 01:00 UTC) and a year end. */
static void
test_paris_time_follows_summer_time(void)
{
	struct tm t;

	calendar_paris(1774745940, &t); /* 2026-03-29 00:59:00 UTC */
	CU_ASSERT_EQUAL(t.tm_hour * 100 + t.tm_min, 159);
	calendar_paris(1774746000, &t); /* 01:00:00 UTC: now UTC+2 */
	CU_ASSERT_EQUAL(t.tm_hour * 100 + t.tm_min, 300);
	calendar_paris(1792889940, &t); /* 2026-10-25 00:59:00 UTC */
	CU_ASSERT_EQUAL(t.tm_hour * 100 + t.tm_min, 259);
	calendar_paris(1792890000, &t); /* 01:00:00 UTC: back to UTC+1 */
	CU_ASSERT_EQUAL(t.tm_hour * 100 + t.tm_min, 200);
	calendar_paris(1798761599, &t); /* 2026-12-31 23:59:59 UTC */
	CU_ASSERT_EQUAL(t.tm_year + 1900, 2027);
	CU_ASSERT_EQUAL(t.tm_mon, 0);
	CU_ASSERT_EQUAL(t.tm_mday, 1);
	CU_ASSERT_EQUAL(t.tm_hour * 10000 + t.tm_min * 100 + t.tm_sec, 5959);
}

static CU_TestInfo tests[] = {
	{ "Paris time follows summer time", test_paris_time_follows_summer_time },
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
