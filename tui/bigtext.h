/* bigtext.h: figures five lines high for the projection screen (R-OPS-7):
 * digits, a space (thousands), a comma and "%", drawn with full blocks so
 * that a count stays legible on a big screen at the back of a room. */
#ifndef ISOLOIR_BIGTEXT_H
#define ISOLOIR_BIGTEXT_H

#define BIG_LINES 5

/* Display columns of s in big figures (characters outside the font are
 * skipped). */
int big_width(const char *s);
/* Draw s from (y, x); its lines BIG_LINES high. */
void big_draw(int y, int x, const char *s, int attr);

#endif
