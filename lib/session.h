/* session.h: stateless, HMAC-signed session tokens for the voting site.
 * Any worker process can check a token without a database write; the
 * credential generation inside it lets a reissue (R-AUTH-4) invalidate
 * older sessions; idle and absolute lifetimes bound a stolen cookie. */
#ifndef ISOLOIR_SESSION_H
#define ISOLOIR_SESSION_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

#define SESSION_KEY_LEN 32
#define SESSION_TOKEN_MAX 128
#define SESSION_CSRF_MAX 48

struct session {
	uint32_t elector_id;   /* 0: anonymous (login form); observer's id if observer */
	uint32_t generation;   /* credential generation at login */
	int64_t issued;        /* unix seconds */
	int64_t seen;          /* last activity, unix seconds */
	unsigned char nonce[16];
	int observer;          /* an observer's session (R-AUTH-7), never an elector's */
};

struct session_limits {
	int64_t idle_s;        /* e.g. 900 */
	int64_t absolute_s;    /* e.g. 7200 */
};

/* A new session for elector_id (fresh random nonce: rotation at login). */
int session_new(struct session *s, uint32_t elector_id, uint32_t generation,
    int64_t now, struct err *e);
void session_encode(const unsigned char key[SESSION_KEY_LEN],
    const struct session *s, char out[SESSION_TOKEN_MAX]);
/* Check signature, format and lifetimes; -1 with a reason otherwise. */
int session_decode(const unsigned char key[SESSION_KEY_LEN], const char *token,
    int64_t now, const struct session_limits *lim, struct session *s,
    struct err *e);
/* Anti-CSRF token bound to this session's nonce. */
void session_csrf(const unsigned char key[SESSION_KEY_LEN],
    const struct session *s, char out[SESSION_CSRF_MAX]);
int session_csrf_ok(const unsigned char key[SESSION_KEY_LEN],
    const struct session *s, const char *given);

#endif
