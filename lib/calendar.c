/* calendar.c: opening, closing and grace period of an operation. */
#include "config.h"

#include "calendar.h"

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
