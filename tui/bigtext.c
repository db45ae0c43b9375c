/* bigtext.c: the five-line font of bigtext.h. Each glyph is a row of
 * strings of equal width where '#' is a full block; one blank column
 * separates glyphs. */
#include "config.h"

#include <curses.h>
#include <string.h>

#include "bigtext.h"

struct big_glyph {
	char c;
	const char *rows[BIG_LINES];
};

static const struct big_glyph big_font[] = {
    {'0', {"####", "#  #", "#  #", "#  #", "####"}},
    {'1', {"  # ", " ## ", "  # ", "  # ", " ###"}},
    {'2', {"####", "   #", "####", "#   ", "####"}},
    {'3', {"####", "   #", " ###", "   #", "####"}},
    {'4', {"#  #", "#  #", "####", "   #", "   #"}},
    {'5', {"####", "#   ", "####", "   #", "####"}},
    {'6', {"####", "#   ", "####", "#  #", "####"}},
    {'7', {"####", "   #", "  # ", " #  ", " #  "}},
    {'8', {"####", "#  #", "####", "#  #", "####"}},
    {'9', {"####", "#  #", "####", "   #", "####"}},
    {',', {"  ", "  ", "  ", " #", "# "}},
    {' ', {" ", " ", " ", " ", " "}},
    {'%', {"#  #", "   #", "  # ", " #  ", "#  #"}},
};

static const struct big_glyph *
big_glyph(char c)
{
	for (size_t i = 0; i < sizeof(big_font) / sizeof(*big_font); i++)
		if (big_font[i].c == c)
			return &big_font[i];
	return NULL;
}

int
big_width(const char *s)
{
	int w = 0;

	for (; *s != '\0'; s++) {
		const struct big_glyph *g = big_glyph(*s);
		if (g != NULL)
			w += (w > 0) + (int)strlen(g->rows[0]);
	}
	return w;
}

void
big_draw(int y, int x, const char *s, int attr)
{
	int col = x;

	attron(attr);
	for (; *s != '\0'; s++) {
		const struct big_glyph *g = big_glyph(*s);
		int gw;

		if (g == NULL)
			continue;
		if (col > x)
			col++;
		gw = (int)strlen(g->rows[0]);
		for (int r = 0; r < BIG_LINES; r++)
			for (int i = 0; i < gw && col + i < COLS; i++)
				if (g->rows[r][i] == '#')
					mvaddstr(y + r, col + i, "\u2588");
		col += gw;
	}
	attroff(attr);
}
