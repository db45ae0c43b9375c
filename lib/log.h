/* log.h: one logger for every program: levels, to stderr or syslog.
 * Never log secrets, ballot content, passwords or full identifiers. */
#ifndef ISOLOIR_LOG_H
#define ISOLOIR_LOG_H

enum log_level { LOG_LVL_ERROR = 0, LOG_LVL_WARN, LOG_LVL_INFO, LOG_LVL_DEBUG };

/* ident: program name; use_syslog: 0 = stderr. */
void log_init(const char *ident, enum log_level level, int use_syslog);
/* Parse "error", "warn", "info", "debug"; returns -1 on anything else. */
int log_level_parse(const char *s, enum log_level *out);
void log_msg(enum log_level level, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

#define log_error(...) log_msg(LOG_LVL_ERROR, __VA_ARGS__)
#define log_warn(...) log_msg(LOG_LVL_WARN, __VA_ARGS__)
#define log_info(...) log_msg(LOG_LVL_INFO, __VA_ARGS__)
#define log_debug(...) log_msg(LOG_LVL_DEBUG, __VA_ARGS__)

#endif
