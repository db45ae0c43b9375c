/* calendar.h: where an operation stands in time (R-ORG-4): before opening,
 * open, in the grace period after closing (only electors who logged in
 * before closing may still cast), closed. Times are UTC seconds; display in
 * Europe/Paris is mostly the client's job (the browser's Intl API knows
 * DST); calendar_paris is for what the server prints (the receipt PDF). */
#ifndef ISOLOIR_CALENDAR_H
#define ISOLOIR_CALENDAR_H

#include <stdint.h>
#include <time.h>

enum calendar_phase {
	CAL_BEFORE,
	CAL_OPEN,
	CAL_GRACE,
	CAL_CLOSED,
};

struct calendar {
	int64_t opens;
	int64_t closes;
	int64_t grace_s;
};

enum calendar_phase calendar_phase(const struct calendar *c, int64_t now);
/* A new login is allowed only while open (never during the grace period). */
int calendar_may_login(const struct calendar *c, int64_t now);
/* A cast is allowed while open, and during the grace period only for a
 * session opened before the closing time. */
int calendar_may_cast(const struct calendar *c, int64_t now, int64_t session_issued);
/* French word for the phase, as shown to electors. */
const char *calendar_phase_fr(enum calendar_phase p);
/* Machine name: "avant", "ouvert", "prolongation", "clos". */
const char *calendar_phase_name(enum calendar_phase p);
/* The broken-down Europe/Paris time of a UTC instant: UTC+1, or UTC+2
 * from the last Sunday of March to the last Sunday of October at 01:00
 * UTC (EU rule; no time zone database needed, thread-safe). */
void calendar_paris(int64_t utc, struct tm *out);

#endif
