/* screen_dashboard.c: every scrutin with its state and live turnout
 * (R-BUR-5), read again every 2 s. Only inscrits and émargements are
 * shown: the console never reads anything of the urn's content. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "screens.h"

#define DASH_REFRESH_MS 2000
#define DASH_HEAD (UI_TOP + 2)   /* first line of the table's rows */

struct dash {
	struct console *c;
	json_t *rows;
	struct ui_list l;
	char at[16];            /* time of the last successful read */
};

/* The columns; the establishment and the collège share what is left. */
enum { W_ID = 3, W_CAT = 10, W_TOUR = 4, W_STATE = 15, W_NUM = 7 };

static int
dash_rows(void)
{
	return UI_BOTTOM - DASH_HEAD;
}

/* Columns left for the establishment and the collège. */
static int
dash_flex(void)
{
	return COLS - (W_ID + W_CAT + W_TOUR + W_STATE + 3 * W_NUM) - 9;
}

static void
dash_line(int y, const char *cells[9], int attr)
{
	int flex = dash_flex();
	int w[9] = { W_ID, (flex + 1) / 2, flex / 2, W_CAT, W_TOUR, W_STATE, W_NUM, W_NUM, W_NUM };
	int x = 1;

	for (int i = 0; i < 9; i++) {
		char right[64];
		const char *s = cells[i];
		if (i == 0 || i >= 6) {   /* numbers to the right */
			snprintf(right, sizeof(right), "%*s", w[i] - ui_width(s) + (int)strlen(s), s);
			s = right;
		}
		ui_text(y, x, w[i], s, attr);
		x += w[i] + 1;
	}
}

static void
dash_row(int y, json_t *r, int selected)
{
	char id[16], state[64], ins[24], vot[24], pct[24];
	const char *cells[9];
	unsigned tour = (unsigned)json_integer_value(json_object_get(r, "tour"));
	char tour_s[8], *dot;

	snprintf(id, sizeof(id), "%d", (int)json_integer_value(json_object_get(r, "id")));
	console_state_label(r, state, sizeof(state));
	snprintf(ins, sizeof(ins), "%lld", (long long)json_integer_value(json_object_get(r, "inscrits")));
	snprintf(vot, sizeof(vot), "%lld", (long long)json_integer_value(json_object_get(r, "votants")));
	snprintf(pct, sizeof(pct), "%s", json_string_value(json_object_get(r, "participation")));
	if ((dot = strchr(pct, '.')) != NULL)
		*dot = ',';
	snprintf(tour_s, sizeof(tour_s), "%u%s", tour, tour == 1 ? "er" : "e");
	cells[0] = id;
	cells[1] = json_string_value(json_object_get(r, "etablissement"));
	cells[2] = json_string_value(json_object_get(r, "college"));
	cells[3] = strcmp(json_string_value(json_object_get(r, "categorie")), "titulaires") == 0 ?
	    "Titulaires" : "Suppléants";
	cells[4] = tour_s;
	cells[5] = state;
	cells[6] = ins;
	cells[7] = vot;
	cells[8] = pct;
	dash_line(y, cells, selected ? A_REVERSE : A_NORMAL);
}

static void
dash_draw(void *self)
{
	const char *head[9] = { "n°", "Établissement", "Collège", "Catégorie", "Tour",
		"État", "Inscr.", "Votants", "Part. %" };
	struct dash *d = self;
	char title[256];

	if ((dash_flex() + 1) / 2 < ui_width(head[1]))
		head[1] = "Établ.";

	snprintf(title, sizeof(title), " isoloir — console de la cellule d'assistance technique%s%s",
	    d->at[0] != '\0' ? "  ·  lu à " : "", d->at);
	ui_frame(title, " ↑↓ ↵ scrutin  o opération  j journal  i import  d identif.  v observateurs  q");
	ui_text(UI_TOP, 1, COLS - 2, "Participation en direct (inscrits, émargements) — jamais "
	    "de résultat partiel.", A_NORMAL);
	dash_line(DASH_HEAD - 1, head, A_BOLD | A_UNDERLINE);
	ui_list_fit(&d->l, dash_rows());
	for (int i = 0; i < dash_rows() && d->l.top + i < d->l.n; i++)
		dash_row(DASH_HEAD + i, json_array_get(d->rows, (size_t)(d->l.top + i)),
		    d->l.top + i == d->l.sel);
	if (d->l.n == 0 && d->rows != NULL)
		ui_text(DASH_HEAD, 1, COLS - 2, "Aucun scrutin.", A_NORMAL);
	refresh();
}

static void
dash_load(struct dash *d)
{
	struct err e;
	json_t *rows = console_scrutins(d->c, &e);
	time_t now = time(NULL);

	if (rows == NULL) {
		ui_status(UI_ERROR, "Lecture des scrutins impossible : %s", e.msg);
		return;
	}
	json_decref(d->rows);
	d->rows = rows;
	d->l.n = (int)json_array_size(rows);
	strftime(d->at, sizeof(d->at), "%H:%M:%S", localtime(&now));
}

/* Open the selected scrutin's screen. */
static void
dash_open(struct dash *d)
{
	json_t *r = json_array_get(d->rows, (size_t)d->l.sel);

	if (r != NULL)
		screen_scrutin(d->c, (unsigned)json_integer_value(json_object_get(r, "id")));
}

void
screen_dashboard(struct console *c)
{
	struct dash d = { .c = c };
	long next = 0;
	int k = 0;

	while (k != 'q' && k != 'Q') {
		if (ui_ms() >= next) {
			dash_load(&d);
			next = ui_ms() + DASH_REFRESH_MS;
		}
		dash_draw(&d);
		k = ui_key((int)(next - ui_ms() > 0 ? next - ui_ms() : 1));
		if (ui_list_key(&d.l, k, dash_rows()) || k == UI_TIMEOUT)
			continue;
		ui_status_clear();
		if (ui_is_enter(k))
			dash_open(&d);
		else if (k == 'j')
			screen_journal(c, "electors", 0);
		else if (k == 'i')
			screen_import(c);
		else if (k == 'o')
			screen_operation(c);
		else if (k == 'd')
			screen_credentials(c);
		else if (k == 'v')
			screen_observers(c);
		if (ui_is_enter(k) || k == 'j' || k == 'i' || k == 'o' || k == 'd' || k == 'v')
			next = 0;   /* back from a screen: read again */
	}
	json_decref(d.rows);
}
