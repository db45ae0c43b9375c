/* ui.c: ncursesw helpers for the console's screens (see ui.h). Text is
 * UTF-8 everywhere in the program and converted to wide characters only
 * here, so accents take one column and nothing is cut inside a letter. */
#include "config.h"

#ifndef NCURSES_WIDECHAR
#define NCURSES_WIDECHAR 1
#endif

#include <curses.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <wchar.h>

#include "ui.h"
#include "xmalloc.h"

#define UI_MSG_MAX 1024

static char ui_msg[UI_MSG_MAX];
static enum ui_kind ui_msg_kind;

enum { UI_PAIR_ERROR = 1, UI_PAIR_OK };

int
ui_start(void)
{
	/* the console speaks French in UTF-8 whatever the login's locale */
	if (strcmp(nl_langinfo(CODESET), "UTF-8") != 0)
		setlocale(LC_CTYPE, "C.UTF-8");
	if (initscr() == NULL)
		return -1;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	set_escdelay(25);
	curs_set(0);
	if (has_colors()) {
		start_color();
		use_default_colors();
		init_pair(UI_PAIR_ERROR, COLOR_RED, -1);
		init_pair(UI_PAIR_OK, COLOR_GREEN, -1);
	}
	return 0;
}

void
ui_stop(void)
{
	endwin();
}

/* UTF-8 to a new wide string; bytes that are not UTF-8 become '?'. */
static wchar_t *
ui_wide(const char *s)
{
	size_t n = strlen(s), i = 0;
	wchar_t *w = xcalloc(n + 1, sizeof(*w));
	mbstate_t st;

	memset(&st, 0, sizeof(st));
	while (*s != '\0') {
		size_t r = mbrtowc(&w[i], s, n, &st);
		if (r == (size_t)-1 || r == (size_t)-2 || r == 0) {
			w[i] = L'?';
			r = 1;
			memset(&st, 0, sizeof(st));
		}
		s += r;
		n -= r;
		i++;
	}
	w[i] = L'\0';
	return w;
}

static int
ui_wcw(wchar_t c)
{
	int w = wcwidth(c);

	return w < 0 ? 1 : w;
}

int
ui_width(const char *s)
{
	wchar_t *w = ui_wide(s);
	int n = 0;

	for (wchar_t *p = w; *p != L'\0'; p++)
		n += ui_wcw(*p);
	free(w);
	return n;
}

void
ui_pad(char *out, size_t cap, const char *s, int width)
{
	int pad = width - ui_width(s);

	snprintf(out, cap, "%s%*s", s, pad > 0 ? pad : 0, "");
}

/* Draw at most width columns of w (wide), "…" when cut; padded. */
static void
ui_wtext(int y, int x, int width, const wchar_t *w, int attr)
{
	int used = 0, total = 0, n = 0;

	for (const wchar_t *p = w; *p != L'\0'; p++)
		total += ui_wcw(*p);
	while (w[n] != L'\0' && used + ui_wcw(w[n]) <= width - (total > width)) {
		used += ui_wcw(w[n]);
		n++;
	}
	attron(attr);
	mvaddnwstr(y, x, w, n);
	if (total > width && width > 0) {
		addwstr(L"…");
		used++;
	}
	for (; used < width; used++)
		addch(' ');
	attroff(attr);
}

void
ui_text(int y, int x, int width, const char *s, int attr)
{
	wchar_t *w;

	if (width <= 0 || y < 0 || y >= LINES)
		return;
	w = ui_wide(s);
	ui_wtext(y, x, width, w, attr);
	free(w);
}

/* Length of the next line of at most width columns, cut after a space. */
static size_t
ui_wrap_len(const wchar_t *w, int width)
{
	size_t n = 0, cut = 0;
	int used = 0;

	while (w[n] != L'\0' && used + ui_wcw(w[n]) <= width) {
		used += ui_wcw(w[n]);
		if (w[n++] == L' ')
			cut = n;
	}
	return w[n] == L'\0' || cut == 0 ? n : cut;
}

int
ui_wrap(int y, int x, int width, int max, const char *s, int attr)
{
	wchar_t *w = ui_wide(s), *p = w, save;
	int lines = 0;

	while (*p != L'\0' && lines < max && width > 0) {
		size_t n = ui_wrap_len(p, width);
		if (lines == max - 1 && p[n] != L'\0') {
			ui_wtext(y + lines++, x, width, p, attr);   /* cut with "…" */
			break;
		}
		save = p[n];
		p[n] = L'\0';
		ui_wtext(y + lines++, x, width, p, attr);
		p[n] = save;
		p += n;
	}
	free(w);
	return lines;
}

void
ui_status(enum ui_kind kind, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(ui_msg, sizeof(ui_msg), fmt, ap);
	va_end(ap);
	ui_msg_kind = kind;
}

void
ui_status_clear(void)
{
	ui_msg[0] = '\0';
}

static void
ui_draw_status(void)
{
	int attr = ui_msg_kind == UI_ERROR ? COLOR_PAIR(UI_PAIR_ERROR) | A_BOLD :
	    ui_msg_kind == UI_OK ? COLOR_PAIR(UI_PAIR_OK) | A_BOLD : A_NORMAL;

	ui_wrap(UI_BOTTOM, 1, COLS - 2, UI_STATUS_LINES, ui_msg, attr);
}

void
ui_frame(const char *title, const char *help)
{
	erase();
	ui_text(0, 0, COLS, title, A_REVERSE | A_BOLD);
	ui_draw_status();
	ui_text(LINES - 1, 0, COLS, help, A_REVERSE);
}

int
ui_key(int ms)
{
	wint_t c;
	int r;

	timeout(ms);
	r = get_wch(&c);
	if (r == ERR)
		return UI_TIMEOUT;
	return r == KEY_CODE_YES ? UI_FN((int)c) : (int)c;
}

int
ui_is_enter(int k)
{
	return k == '\n' || k == '\r' || k == UI_FN(KEY_ENTER);
}

int
ui_is_back(int k)
{
	return k == UI_ESC || k == 'q' || k == UI_FN(KEY_LEFT);
}

/* ------------------------------------------------------------ input */

struct ui_input {
	const struct ui_view *under;
	const char *label;
	wchar_t *w;
	size_t len, cap;
	int masked;
};

static void
ui_input_draw(const struct ui_input *in)
{
	int y = LINES - 2, lw = ui_width(in->label) + 1, used = 0;
	size_t first = 0;

	if (in->under != NULL)
		in->under->draw(in->under->self);
	move(y, 0);
	clrtoeol();
	ui_text(y, 0, lw, in->label, A_BOLD);
	/* show the end of a line longer than the screen */
	for (size_t i = in->len; i > 0 && used + 2 < COLS - lw; i--, first = i)
		used += in->masked ? 1 : ui_wcw(in->w[i - 1]);
	move(y, lw);
	for (size_t i = first; i < in->len; i++) {
		if (in->masked)
			addch('*');
		else
			addnwstr(&in->w[i], 1);
	}
	curs_set(1);
	refresh();
}

/* The wide buffer back to UTF-8 in buf. */
static int
ui_input_take(struct ui_input *in, char *buf, size_t cap)
{
	size_t n;

	in->w[in->len] = L'\0';
	n = wcstombs(buf, in->w, cap);
	if (n == (size_t)-1 || n >= cap) {
		buf[0] = '\0';
		return 0;
	}
	return 1;
}

/* Would the line still fit in the caller's cap bytes with c added? */
static int
ui_input_fits(const struct ui_input *in, wchar_t c)
{
	char mb[MB_LEN_MAX];
	size_t bytes = 0, r;
	mbstate_t st;

	memset(&st, 0, sizeof(st));
	for (size_t i = 0; i < in->len; i++)
		bytes += wcrtomb(mb, in->w[i], &st);
	r = wcrtomb(mb, c, &st);
	return r != (size_t)-1 && in->len < in->cap && bytes + r < in->cap;
}

int
ui_prompt(const struct ui_view *under, const char *label, char *buf, size_t cap, int masked)
{
	struct ui_input in = { under, label, ui_wide(buf), 0, cap, masked };
	int k, ok = -1;

	in.w = xreallocarray(in.w, cap + 1, sizeof(wchar_t));
	in.len = wcslen(in.w);
	while (ok == -1) {
		ui_input_draw(&in);
		k = ui_key(-1);
		if (ui_is_enter(k))
			ok = ui_input_take(&in, buf, cap);
		else if (k == UI_ESC)
			ok = 0;
		else if ((k == UI_FN(KEY_BACKSPACE) || k == 127 || k == 8) && in.len > 0)
			in.len--;
		else if (k == 21)   /* ^U */
			in.len = 0;
		else if (k >= 32 && k != 127 && ui_input_fits(&in, (wchar_t)k))
			in.w[in.len++] = (wchar_t)k;
	}
	curs_set(0);
	if (masked)
		memset(in.w, 0, (cap + 1) * sizeof(wchar_t));
	free(in.w);
	return ok;
}

int
ui_confirm(const struct ui_view *under, const char *question)
{
	char q[UI_MSG_MAX];
	int k;

	snprintf(q, sizeof(q), "%s (o/n) ", question);
	for (;;) {
		if (under != NULL)
			under->draw(under->self);
		move(LINES - 2, 0);
		clrtoeol();
		ui_text(LINES - 2, 0, COLS, q, A_BOLD);
		refresh();
		k = ui_key(-1);
		if (k == 'o' || k == 'O')
			return 1;
		if (k == 'n' || k == 'N' || k == UI_ESC)
			return 0;
	}
}

/* ------------------------------------------------------------ lists */

void
ui_list_fit(struct ui_list *l, int rows)
{
	if (rows < 1)
		rows = 1;
	if (l->sel >= l->n)
		l->sel = l->n - 1;
	if (l->sel < 0)
		l->sel = 0;
	if (l->top > l->sel)
		l->top = l->sel;
	if (l->sel >= l->top + rows)
		l->top = l->sel - rows + 1;
	if (l->top > 0 && l->top + rows > l->n)
		l->top = l->n > rows ? l->n - rows : 0;
}

int
ui_list_key(struct ui_list *l, int key, int rows)
{
	switch (key) {
	case UI_FN(KEY_UP): l->sel--; break;
	case UI_FN(KEY_DOWN): l->sel++; break;
	case UI_FN(KEY_PPAGE): l->sel -= rows; break;
	case UI_FN(KEY_NPAGE): l->sel += rows; break;
	case UI_FN(KEY_HOME): l->sel = 0; break;
	case UI_FN(KEY_END): l->sel = l->n - 1; break;
	default: return 0;
	}
	ui_list_fit(l, rows);
	return 1;
}

long
ui_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}
