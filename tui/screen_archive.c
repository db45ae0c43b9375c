/* screen_archive.c: the retention of an operation (R-BUR-9, R-OPS-5),
 * « a » from the operation screen: the recourse period, the disputes and
 * each destruction step (as `archive status`, tui/act_archive.c), and the
 * certificate of a finished destruction (« c », as `archive certificate`).
 * Filing a dispute and the destruction itself need the bureau's codes and
 * stay subcommands (`archive dispute`, `destroy`). */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pv.h"
#include "screens.h"

struct arc {
	struct console *c;
	unsigned op;
	char opnum[16], out[1024];
	struct screen_lines t;
};

static void
arc_draw(void *self)
{
	struct arc *m = self;
	char title[64];

	snprintf(title, sizeof(title),
	    " Conservation et destruction de l'opération n° %u", m->op);
	ui_frame(title, " ↑↓ parcourir  c certificat de destruction  a "
	                "actualiser  q retour");
	screen_lines_draw(&m->t, UI_TOP + 1);
	refresh();
}

/* A status line cut at spaces to fit the width (counted in bytes, so
 * accented lines are cut a little early, never late); the rest indented. */
static void
arc_line(const char *line, void *ctx)
{
	int width = COLS - 4 > 20 ? COLS - 4 : 20, first = 1;
	const char *p = line;

	while ((int)strlen(p) > width) {
		int cut = width;
		while (cut > 0 && p[cut] != ' ')
			cut--;
		if (cut == 0)
			break;
		screen_lines_add(ctx, "%s%.*s", first ? "" : "  ", cut, p);
		p += cut + 1;
		first = 0;
		width = COLS - 6 > 20 ? COLS - 6 : 20;
	}
	screen_lines_add(ctx, "%s%s", first ? "" : "  ", p);
}

static void
arc_load(struct arc *m)
{
	struct destroy_status st;
	struct err e;

	screen_lines_clear(&m->t);
	if (console_db(m->c, 0, &e) == -1 ||
	    destroy_status(m->c->db.el, m->op, &st, &e) == -1) {
		ui_status(UI_ERROR, "%s", e.msg);
		return;
	}
	act_archive_lines(&st, arc_line, &m->t);
}

static void
arc_certificate(struct arc *m)
{
	struct ui_view v = {arc_draw, m};
	struct err e;

	if (!ui_prompt(&v, "Certificat de destruction à écrire (PDF) :", m->out,
	        sizeof(m->out), 0) ||
	    m->out[0] == '\0')
		return;
	ui_status(UI_INFO, "Écriture du certificat…");
	arc_draw(m);
	if (console_db(m->c, 0, &e) == -1 ||
	    destroy_certificate_pdf(m->c->db.el, m->op, m->out, &e) == -1)
		ui_status(UI_ERROR, "%s", e.msg);
	else
		ui_status(
		    UI_OK, "%s écrit (certificat de destruction)", m->out);
	/* the font caches of the PDF, so that leak checkers see none */
	pv_release();
}

void
screen_archive(struct console *c, const struct ui_view *under)
{
	struct arc m = {.c = c, .opnum = "1"};
	char *end;
	int k = 0;

	if (!ui_prompt(under, "Opération n° :", m.opnum, sizeof(m.opnum), 0))
		return;
	m.op = (unsigned)strtoul(m.opnum, &end, 10);
	if (m.op == 0 || *end != '\0') {
		ui_status(
		    UI_ERROR, "Numéro d'opération invalide « %s ».", m.opnum);
		return;
	}
	ui_status_clear();
	arc_load(&m);
	while (!ui_is_back(k)) {
		if (k == 'c')
			arc_certificate(&m);
		else if (k == 'a') {
			ui_status_clear();
			arc_load(&m);
		}
		arc_draw(&m);
		k = ui_key(-1);
		ui_list_key(&m.t.l, k, UI_BOTTOM - UI_TOP - 1);
	}
	screen_lines_clear(&m.t);
	ui_status_clear();
}
