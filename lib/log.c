/* log.c: levelled logging to stderr (with UTC timestamps) or syslog. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "log.h"

static const char *log_ident = "isoloir";
static enum log_level log_max = LOG_LVL_INFO;
static int log_syslog;

static const char *const log_names[] = { "error", "warn", "info", "debug" };

void
log_init(const char *ident, enum log_level level, int use_syslog)
{
	log_ident = ident;
	log_max = level;
	log_syslog = use_syslog;
	if (use_syslog)
		openlog(ident, LOG_PID | LOG_NDELAY, LOG_DAEMON);
}

int
log_level_parse(const char *s, enum log_level *out)
{
	for (size_t i = 0; i < sizeof(log_names) / sizeof(log_names[0]); i++) {
		if (strcmp(s, log_names[i]) == 0) {
			*out = (enum log_level)i;
			return 0;
		}
	}
	return -1;
}

void
log_msg(enum log_level level, const char *fmt, ...)
{
	static const int prio[] = { LOG_ERR, LOG_WARNING, LOG_INFO, LOG_DEBUG };
	char line[1024], stamp[32];
	struct tm tm;
	time_t now;
	va_list ap;

	if (level > log_max)
		return;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (log_syslog) {
		syslog(prio[level], "%s", line);
		return;
	}
	now = time(NULL);
	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y-%m-%dT%H:%M:%SZ", &tm);
	/* One fprintf per line so that lines of concurrent threads do not mix. */
	fprintf(stderr, "%s %s[%ld] %s: %s\n", stamp, log_ident, (long)getpid(),
	    log_names[level], line);
}
