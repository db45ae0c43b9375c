/* opdef_time.c: Europe/Paris wall-clock times of an operation (R-ORG-4),
 * computed from the EU summer-time rule rather than the host's tzdata, so
 * that the console gives the same UTC on every machine and refuses the
 * hour that does not exist in spring and the one that happens twice in
 * autumn. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "opdef.h"

/* Days since 1970-01-01 of a proleptic Gregorian date. */
static int64_t
opdef_days(int64_t y, int m, int d)
{
	int64_t era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

/* The civil date of a day number (inverse of opdef_days). */
static void
opdef_civil(int64_t z, int *y, int *m, int *d)
{
	int64_t era, doe, yoe, doy, mp;

	z += 719468;
	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

/* 01:00 UTC on the last Sunday of a month (1970-01-01 was a Thursday). */
static int64_t
opdef_last_sunday(int y, int m)
{
	int64_t last = opdef_days(y, m + 1, 1) - 1;
	int64_t wd = ((last + 4) % 7 + 7) % 7; /* 0 = Sunday */

	return (last - wd) * 86400 + 3600;
}

/* Offset of Paris from UTC at UTC time t, in seconds. */
static int64_t
opdef_paris_offset(int64_t t)
{
	int y, m, d;

	opdef_civil(t >= 0 ? t / 86400 : (t - 86399) / 86400, &y, &m, &d);
	return t >= opdef_last_sunday(y, 3) && t < opdef_last_sunday(y, 10)
	           ? 7200
	           : 3600;
}

/* Does s match pat, where 'd' is a digit and anything else itself? */
static int
opdef_shape(const char *s, const char *pat)
{
	for (; *pat != '\0'; s++, pat++)
		if (*pat == 'd' ? *s < '0' || *s > '9' : *s != *pat)
			return 0;
	return *s == '\0';
}

int
opdef_paris_to_utc(const char *s, int64_t *out, struct err *e)
{
	int y, mo, d, h, mi, sec = 0, ok1, ok2;
	int64_t local;

	if (!opdef_shape(s, "dddd-dd-dd dd:dd") &&
	    !opdef_shape(s, "dddd-dd-dd dd:dd:dd"))
		return err_set(e,
		    "date et heure invalides « %s » : AAAA-MM-JJ HH:MM attendu",
		    s);
	if (sscanf(s, "%4d-%2d-%2d %2d:%2d:%2d", &y, &mo, &d, &h, &mi, &sec) <
	    5)
		return err_set(e, "date et heure invalides « %s »", s);
	if (y < 2000 || y > 2999 || mo < 1 || mo > 12 || d < 1 || h > 23 ||
	    mi > 59 || sec > 59 || h < 0 || mi < 0 || sec < 0 ||
	    d > (int)(opdef_days(y, mo + 1, 1) - opdef_days(y, mo, 1)))
		return err_set(e, "date ou heure inexistante « %s »", s);
	local = opdef_days(y, mo, d) * 86400 + h * 3600 + mi * 60 + sec;
	ok1 =
	    opdef_paris_offset(local - 3600) == 3600; /* read as winter time */
	ok2 =
	    opdef_paris_offset(local - 7200) == 7200; /* read as summer time */
	if (!ok1 && !ok2)
		return err_set(e,
		    "heure inexistante à Paris « %s » (passage à l'heure "
		    "d'été)",
		    s);
	if (ok1 && ok2)
		return err_set(e,
		    "heure ambiguë à Paris « %s » (passage à l'heure d'hiver : "
		    "elle existe deux fois), choisir une autre heure",
		    s);
	*out = local - (ok1 ? 3600 : 7200);
	return 0;
}

void
opdef_utc_to_paris(int64_t t, char out[32])
{
	int64_t l = t + opdef_paris_offset(t),
	        day = l >= 0 ? l / 86400 : (l - 86399) / 86400;
	int64_t s = l - day * 86400;
	int y, m, d;

	opdef_civil(day, &y, &m, &d);
	snprintf(out, 32, "%04d-%02d-%02d %02d:%02d", y, m, d, (int)(s / 3600),
	    (int)(s % 3600 / 60));
}
