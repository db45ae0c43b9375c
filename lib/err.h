/* err.h: error reporting for lib/: functions return 0 / -1 (or NULL) and fill
 * a struct err the caller can show; lib/ never exits. */
#ifndef ISOLOIR_ERR_H
#define ISOLOIR_ERR_H

#define ERR_MSG_MAX 512

struct err {
	char msg[ERR_MSG_MAX];
	int code;  /* the database server's error number when it caused this, or 0 */
};

/* Fill e (if not NULL) with a formatted message; always returns -1 so that
 * callers can write `return err_set(e, "...")`. */
int err_set(struct err *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

/* Prefix the message already in e with a context ("fichier x : ..."). */
int err_prefix(struct err *e, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));

void err_clear(struct err *e);

#endif
