/* screen_lines.c: the lines of text a screen shows under its title (what
 * an action did, a control list, a comparison), scrollable. */
#include "config.h"

#include <curses.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens.h"
#include "xmalloc.h"

void
screen_lines_add(struct screen_lines *s, const char *fmt, ...)
{
	va_list ap;
	char *line;

	va_start(ap, fmt);
	if (vasprintf(&line, fmt, ap) == -1)
		line = NULL;
	va_end(ap);
	if (line == NULL)
		return;
	s->v = xreallocarray(s->v, s->n + 1, sizeof(*s->v));
	s->v[s->n++] = line;
	s->l.n = (int)s->n;
}

/* A text of several lines (a control list), one entry each. */
void
screen_lines_split(struct screen_lines *s, const char *text)
{
	const char *p = text, *nl;

	while (p != NULL && *p != '\0') {
		nl = strchr(p, '\n');
		screen_lines_add(
		    s, "%.*s", (int)(nl != NULL ? nl - p : (long)strlen(p)), p);
		p = nl != NULL ? nl + 1 : NULL;
	}
}

void
screen_lines_clear(struct screen_lines *s)
{
	for (size_t i = 0; i < s->n; i++)
		free(s->v[i]);
	free(s->v);
	s->v = NULL;
	s->n = 0;
	s->l = (struct ui_list){0};
}

void
screen_lines_draw(struct screen_lines *s, int y)
{
	int rows = UI_BOTTOM - y;

	ui_list_fit(&s->l, rows);
	for (int i = 0; i < rows && s->l.top + i < s->l.n; i++)
		ui_text(y + i, 1, COLS - 2, s->v[s->l.top + i], A_NORMAL);
}
