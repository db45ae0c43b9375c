/* ui.h: the ncursesw helpers of the console's screens: a frame (title bar,
 * a status box of up to UI_STATUS_LINES for French messages, the help line
 * of the keys), UTF-8 text fitted by display width, keys, line input (with
 * masking for the bureau's codes), scrolling lists. Screens redraw
 * themselves through a struct ui_view, so a resize is redrawn anywhere. */
#ifndef ISOLOIR_UI_H
#define ISOLOIR_UI_H

#include <stddef.h>

#define UI_STATUS_LINES 3
/* The first and one-past-last lines free for a screen's content. */
#define UI_TOP 1
#define UI_BOTTOM (LINES - 1 - UI_STATUS_LINES)

/* ui_key's answer for a function key: its negated ncurses code. */
#define UI_FN(k) (-(k))
#define UI_ESC 27
#define UI_TIMEOUT 0

enum ui_kind { UI_INFO, UI_OK, UI_ERROR };

/* A screen as the helpers see it: how to draw it again. */
struct ui_view {
	void (*draw)(void *self);
	void *self;
};

/* Open the terminal (UTF-8, keyboard only, colours when available). */
int ui_start(void);
void ui_stop(void);

/* Clear and draw the title bar, the status box and the help line. */
void ui_frame(const char *title, const char *help);
/* Text at (y, x) cut or padded to width display columns ("…" when cut). */
void ui_text(int y, int x, int width, const char *utf8, int attr);
/* Display columns of a UTF-8 string. */
int ui_width(const char *utf8);
/* s followed by spaces up to width display columns, into out. */
void ui_pad(char *out, size_t cap, const char *utf8, int width);
/* Write s into lines of at most width columns, cut at spaces; at most max
 * lines (the last one ends with "…" when the text is longer); returns the
 * number of lines drawn from y. */
int ui_wrap(int y, int x, int width, int max, const char *utf8, int attr);

/* The message of the status box, kept until the next one. */
void ui_status(enum ui_kind kind, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void ui_status_clear(void);

/* Next key within ms milliseconds (-1: wait): a character (wide), a
 * UI_FN(KEY_...) or UI_TIMEOUT. */
int ui_key(int ms);
/* Monotonic milliseconds, for the screens that read again by themselves. */
long ui_ms(void);
int ui_is_enter(int k);
int ui_is_back(int k);

/* Ask for a line at the bottom of `under`; buf holds the default and gets
 * the answer (UTF-8). masked shows '*' (personal codes). 1 on Entrée, 0 on
 * Échap. */
int ui_prompt(const struct ui_view *under, const char *label, char *buf, size_t cap,
    int masked);
/* A yes/no question: 1 for « o ». */
int ui_confirm(const struct ui_view *under, const char *question);

/* A selection in a list of n rows shown rows at a time. */
struct ui_list {
	int n, sel, top;
};
/* Move on ↑ ↓ PgUp PgDn Home End; 1 when the key was one of them. */
int ui_list_key(struct ui_list *l, int key, int rows);
/* Keep sel in range and visible. */
void ui_list_fit(struct ui_list *l, int rows);

#endif
