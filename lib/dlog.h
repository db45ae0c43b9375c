/* dlog.h: the small discrete logarithm of a decrypted total, m·G → m, by
 * baby-step giant-step bounded by the number of ballots (docs/protocol.md §9). */
#ifndef ISOLOIR_DLOG_H
#define ISOLOIR_DLOG_H

#include <openssl/ec.h>

#include "err.h"

/* m with m·G = p and 0 <= m <= bound; -1 (e filled) when there is none. */
int dlog_small(const EC_POINT *p, unsigned long bound, unsigned long *m, struct err *e);

#endif
