/* calendar.c: opening, closing and grace period of an operation. */
#include "config.h"

#include <string.h>

#include "calendar.h"

/* The last Sunday of month mon (0-11) of year at 01:00 UTC. */
static int64_t
calendar_last_sunday(int year, int mon)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	tm.tm_year = year - 1900;
	tm.tm_mon = mon + 1; /* day 0 of the next month: the last of this one */
	tm.tm_mday = 0;
	tm.tm_hour = 1;
	t = timegm(&tm);
	gmtime_r(&t, &tm);
	return (int64_t)t - (int64_t)tm.tm_wday * 86400;
}

void
calendar_paris(int64_t utc, struct tm *out)
{
	time_t t = (time_t)utc;
	int year;

	gmtime_r(&t, out);
	year = out->tm_year + 1900;
	t += utc >= calendar_last_sunday(year, 2) && utc < calendar_last_sunday(year, 9) ? 7200 : 3600;
	gmtime_r(&t, out);
}

enum calendar_phase
calendar_phase(const struct calendar *c, int64_t now)
{
	if (now < c->opens)
		return CAL_BEFORE;
	if (now < c->closes)
		return CAL_OPEN;
	if (now < c->closes + c->grace_s)
		return CAL_GRACE;
	return CAL_CLOSED;
}

int
calendar_may_login(const struct calendar *c, int64_t now)
{
	return calendar_phase(c, now) == CAL_OPEN;
}

int
calendar_may_cast(const struct calendar *c, int64_t now, int64_t session_issued)
{
	switch (calendar_phase(c, now)) {
	case CAL_OPEN:
		return 1;
	case CAL_GRACE:
		return session_issued < c->closes;
	default:
		return 0;
	}
}

const char *
calendar_phase_fr(enum calendar_phase p)
{
	static const char *const fr[] = { "Le vote n'est pas encore ouvert.",
		"Le vote est ouvert.",
		"Le vote est clos ; les électeurs déjà connectés terminent leur vote.",
		"Le vote est clos." };

	return fr[p];
}

const char *
calendar_phase_name(enum calendar_phase p)
{
	static const char *const names[] = { "avant", "ouvert", "prolongation", "clos" };

	return names[p];
}
