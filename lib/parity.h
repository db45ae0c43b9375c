/* parity.h: gender balance of a candidate list (L2314-30, rules.md
 * "Gender balance"): the list holds women and men in the proportions of
 * the electors of its establishment × collège, each count rounded to the
 * nearest integer (.5 up; either way for an odd count and exactly equal
 * shares); it alternates from its first candidate until one sex is
 * exhausted; when rounding gives 0 for a sex, one candidate of that sex
 * may be added, never first. The system warns, it does not block. */
#ifndef ISOLOIR_PARITY_H
#define ISOLOIR_PARITY_H

#include "buf.h"

/* sexes: the list's candidates in order, one 'F' or 'M' each. women, men:
 * electors of the list's establishment × collège. Appends one French line
 * per warning to out (each ends with '\n'); returns how many. */
int parity_check(const char *sexes, unsigned long women, unsigned long men, struct buf *out);

#endif
