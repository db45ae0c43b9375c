/* burst.h: alert on bursts of votes from one client address (R-AUTH-5):
 * casts are counted per keyed hash of the address in fixed 40-minute
 * windows; when a window reaches the threshold, one journal entry tells
 * the bureau (it does not block: a company NAT is legitimate). */
#ifndef ISOLOIR_BURST_H
#define ISOLOIR_BURST_H

#include <stdint.h>

#include <mysql.h>

#include "err.h"

#define BURST_WINDOW_S 2400

/* Count one cast from addr; journals an alert when the window's count
 * reaches threshold exactly. *count receives the window's count. */
int burst_note(MYSQL *db, const unsigned char key[32], const char *addr, unsigned threshold,
    int64_t now, unsigned *count, struct err *e);

#endif
