/* screen_projection.c: the read-only projection view for public
 * ceremonies (R-OPS-7), `isoloir-console --projection [--scrutin N]`: one
 * scrutin at a time, its state, and the turnout in figures five lines
 * high; the results only once the bureau has proclaimed them
 * (lib/proclaim.c proclaim_public, R-BUR-8), never a partial one. No key
 * changes anything: ← → (or p n) choose the scrutin, q quits; the figures
 * are read again every 5 s. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "bigtext.h"
#include "proclaim.h"
#include "receipt.h"
#include "screens.h"

#define PROJ_REFRESH_MS 5000

struct proj {
	struct console *c;
	json_t *rows;   /* console_scrutins */
	json_t *result; /* proclaim_public of the shown scrutin, or NULL */
	size_t cur;
	char at[16];
};

static json_t *
proj_row(struct proj *p)
{
	return json_array_get(p->rows, p->cur);
}

static void
proj_load(struct proj *p, unsigned want)
{
	struct err e;
	json_t *rows = console_scrutins(p->c, &e), *r;
	time_t now = time(NULL);
	size_t i;

	if (rows == NULL) {
		ui_status(
		    UI_ERROR, "Lecture des scrutins impossible : %s", e.msg);
		console_db_lost(p->c);
		return;
	}
	json_decref(p->rows);
	p->rows = rows;
	json_array_foreach(rows, i,
	    r) if (want != 0 && (unsigned)json_integer_value(json_object_get(r,
	                            "id")) == want) p->cur = i;
	if (p->cur >= json_array_size(rows))
		p->cur = 0;
	json_decref(p->result);
	p->result = NULL;
	if ((r = proj_row(p)) != NULL &&
	    proclaim_public(p->c->db.el,
	        (unsigned)json_integer_value(json_object_get(r, "id")),
	        &p->result, &e) == -1) {
		ui_status(UI_ERROR,
		    "Lecture de la proclamation impossible : %s", e.msg);
		console_db_lost(p->c);
	}
	strftime(p->at, sizeof(p->at), "%H:%M:%S", localtime(&now));
}

/* "12 345": thousands apart, as French writes them. */
static void
proj_number(long long v, char *out, size_t cap)
{
	char d[32];
	size_t n, o = 0;

	snprintf(d, sizeof(d), "%lld", v);
	n = strlen(d);
	for (size_t i = 0; i < n && o + 2 < cap; i++) {
		if (i > 0 && (n - i) % 3 == 0)
			out[o++] = ' ';
		out[o++] = d[i];
	}
	out[o] = '\0';
}

/* A label, then the figure in big digits under it; the next free line. */
static int
proj_big(int y, const char *label, const char *figure)
{
	ui_text(y, 2, COLS - 4, label, A_BOLD);
	if (big_width(figure) <= COLS - 4 && y + 1 + BIG_LINES <= UI_BOTTOM) {
		big_draw(y + 1, 2, figure, A_BOLD);
		/* a blank line between the figures when the screen has room */
		return y + 1 + BIG_LINES + (LINES >= 30);
	}
	ui_text(y + 1, 2, COLS - 4, figure, A_BOLD);
	return y + 3;
}

static void
proj_turnout(json_t *r, int y)
{
	char vot[32], ins[32], pct[32], line[160], *dot;

	proj_number(json_integer_value(json_object_get(r, "votants")), vot,
	    sizeof(vot));
	proj_number(json_integer_value(json_object_get(r, "inscrits")), ins,
	    sizeof(ins));
	snprintf(pct, sizeof(pct), "%s %%",
	    json_string_value(json_object_get(r, "participation")));
	if ((dot = strchr(pct, '.')) != NULL)
		*dot = ',';
	y = proj_big(y, "Votants", vot);
	y = proj_big(y, "Participation", pct) + 1;
	/* the same figures in plain text, for every reader */
	snprintf(line, sizeof(line),
	    "Inscrits : %s · votants : %s · participation : %s", ins, vot, pct);
	if (y < UI_BOTTOM)
		ui_text(y++, 2, COLS - 4, line, A_NORMAL);
	if (y < UI_BOTTOM)
		ui_text(y, 2, COLS - 4,
		    "Résultats : affichés ici une fois proclamés par le "
		    "bureau.",
		    A_NORMAL);
}

static void
proj_results(struct proj *p, int y)
{
	json_t *res = p->result, *l;
	long long sve = json_integer_value(json_object_get(res, "sve"));
	char when[128], line[512], num[32];
	size_t i;

	receipt_when_fr(json_string_value(json_object_get(res, "proclame_le")),
	    when, sizeof(when));
	snprintf(line, sizeof(line), "Résultats proclamés %s", when);
	ui_text(y++, 2, COLS - 4, line, A_BOLD);
	snprintf(line, sizeof(line),
	    "Inscrits %lld · votants %lld · blancs %lld · nuls %lld · exprimés "
	    "%lld · quorum %s",
	    json_integer_value(json_object_get(res, "inscrits")),
	    json_integer_value(json_object_get(res, "votants")),
	    json_integer_value(json_object_get(res, "blancs")),
	    json_integer_value(json_object_get(res, "nuls")), sve,
	    json_is_true(json_object_get(res, "quorum_atteint"))
	        ? "atteint"
	        : "non atteint");
	y += ui_wrap(y, 2, COLS - 4, 2, line, A_NORMAL) + 1;
	json_array_foreach(json_object_get(res, "listes"), i, l)
	{
		long long v = json_integer_value(json_object_get(l, "voix"));
		long long seats =
		    json_integer_value(json_object_get(l, "sieges"));
		char name[256], elus[1024] = "", pct[32], *dot;
		size_t k, used = 0;
		json_t *n;

		if (y >= UI_BOTTOM)
			break;
		proj_number(v, num, sizeof(num));
		ui_pad(name, sizeof(name),
		    json_string_value(json_object_get(l, "nom")),
		    COLS - 40 > 10 ? COLS - 40 : 10);
		snprintf(pct, sizeof(pct), "%6.2f",
		    sve > 0 ? 100.0 * (double)v / (double)sve : 0.0);
		if ((dot = strchr(pct, '.')) != NULL)
			*dot = ','; /* French decimals, whatever the locale */
		snprintf(line, sizeof(line), "%s %9s voix %s %%  %lld siège%s",
		    name, num, pct, seats, seats > 1 ? "s" : "");
		ui_text(y++, 2, COLS - 4, line, A_BOLD);
		json_array_foreach(json_object_get(l, "elus"), k, n) used +=
		    (size_t)snprintf(elus + used,
		        used < sizeof(elus) ? sizeof(elus) - used : 0, "%s%s",
		        k > 0 ? ", " : "Élus : ", json_string_value(n));
		if (elus[0] != '\0' && y < UI_BOTTOM)
			y += ui_wrap(
			    y, 4, COLS - 6, UI_BOTTOM - y, elus, A_NORMAL);
	}
}

static void
proj_draw(void *self)
{
	struct proj *p = self;
	json_t *r = proj_row(p);
	char title[512], label[LC_LABEL_MAX], state[64],
	    line[LC_LABEL_MAX + 64];

	snprintf(title, sizeof(title),
	    " isoloir — projection (lecture seule)%s%s",
	    p->at[0] != '\0' ? "  ·  lu à " : "", p->at);
	ui_frame(title, " ← → scrutin  q quitter");
	if (r == NULL) {
		ui_text(UI_TOP + 1, 2, COLS - 4, "Aucun scrutin.", A_NORMAL);
		refresh();
		return;
	}
	console_scrutin_label(r, label);
	console_state_label(r, state, sizeof(state));
	snprintf(line, sizeof(line), "Scrutin n° %d — %s",
	    (int)json_integer_value(json_object_get(r, "id")), label);
	ui_text(UI_TOP + 1, 2, COLS - 4, line, A_BOLD);
	snprintf(line, sizeof(line), "État : %s", state);
	ui_text(UI_TOP + 2, 2, COLS - 4, line, A_NORMAL);
	if (p->result != NULL)
		proj_results(p, UI_TOP + 4);
	else
		proj_turnout(r, UI_TOP + 3 + (LINES >= 30));
	refresh();
}

void
screen_projection(struct console *c, unsigned scrutin)
{
	struct proj p = {.c = c};
	long next = 0;
	int k = 0;

	while (k != 'q' && k != 'Q') {
		if (ui_ms() >= next) {
			proj_load(&p, scrutin);
			scrutin = 0;
			next = ui_ms() + PROJ_REFRESH_MS;
		}
		proj_draw(&p);
		k = ui_key((int)(next - ui_ms() > 0 ? next - ui_ms() : 1));
		if (k == UI_TIMEOUT || json_array_size(p.rows) == 0)
			continue;
		if (k == UI_FN(KEY_RIGHT) || k == 'n') {
			p.cur = (p.cur + 1) % json_array_size(p.rows);
			scrutin = (unsigned)json_integer_value(
			    json_object_get(proj_row(&p), "id"));
			next = 0;
		} else if (k == UI_FN(KEY_LEFT) || k == 'p') {
			p.cur = (p.cur + json_array_size(p.rows) - 1) %
			        json_array_size(p.rows);
			scrutin = (unsigned)json_integer_value(
			    json_object_get(proj_row(&p), "id"));
			next = 0;
		}
	}
	json_decref(p.rows);
	json_decref(p.result);
}
