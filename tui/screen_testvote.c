/* screen_testvote.c: the test vote of a scrutin (R-BUR-2), « t » from its
 * screen: « e » creates test electors with their plan into a new 0600
 * file (as `test electors N --count K --out F`), « c » compares the
 * decrypted counts with the plan (lib/testvote.c, as `test compare N
 * --counts F`): expected and actual per list or candidate, « conformes »
 * or the differences. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "screens.h"
#include "testvote.h"

#define TV_FIELD 1024

struct tv {
	struct console *c;
	unsigned id;
	char count[16], out[TV_FIELD], counts[TV_FIELD];
	struct screen_lines t;
};

static void
tv_draw(void *self)
{
	struct tv *m = self;
	char title[64];

	snprintf(title, sizeof(title), " Vote à blanc du scrutin n° %u", m->id);
	ui_frame(title, " ↑↓ parcourir  e électeurs de test  c comparer les "
	                "résultats  q retour");
	if (m->t.n == 0)
		ui_wrap(UI_TOP + 1, 1, COLS - 2, 4,
		    "« e » : électeurs de test et leur consigne de vote "
		    "(fichier 0600) ; « c » : résultats déchiffrés du vote à "
		    "blanc comparés au plan.",
		    A_NORMAL);
	screen_lines_draw(&m->t, UI_TOP + 1);
	refresh();
}

static void
tv_electors(struct tv *m)
{
	struct ui_view v = {tv_draw, m};
	unsigned long n;
	char *end;
	struct err e;

	if (!ui_prompt(&v, "Nombre d'électeurs de test :", m->count,
	        sizeof(m->count), 0) ||
	    !ui_prompt(&v, "Fichier à créer (identifiants et plan, 0600) :",
	        m->out, sizeof(m->out), 0))
		return;
	n = strtoul(m->count, &end, 10);
	if (n == 0 || n > 10000 || *end != '\0' || m->out[0] == '\0') {
		ui_status(UI_ERROR, "Indiquez un nombre d'électeurs de test (1 "
		                    "à 10000) et un fichier.");
		return;
	}
	ui_status(UI_INFO, "Création des électeurs de test…");
	tv_draw(m);
	if (act_test_electors(
	        m->c->conf, &m->c->db, m->id, (unsigned)n, m->out, &e) == -1) {
		ui_status(UI_ERROR, "%s", e.msg);
		return;
	}
	screen_lines_clear(&m->t);
	screen_lines_add(&m->t,
	    "%lu électeur%s de test pour le vote à blanc du scrutin n° %u :", n,
	    n > 1 ? "s" : "", m->id);
	screen_lines_add(&m->t, "  %s", m->out);
	ui_status(UI_OK, "Électeurs de test créés ; leurs identifiants sont "
	                 "dans le fichier.");
}

static void
tv_compare(struct tv *m)
{
	struct ui_view v = {tv_draw, m};
	char report[CER_RESULT_MAX], row[256], name[160];
	json_t *count, *cmp = NULL, *r;
	json_error_t je;
	int conformes = 0;
	struct err e;
	size_t i;

	if (!ui_prompt(&v,
	        "Fichier des résultats déchiffrés (isoloir-verify count) :",
	        m->counts, sizeof(m->counts), 0) ||
	    m->counts[0] == '\0')
		return;
	/* isoloir-verify count writes the counts on its first line */
	if ((count = json_load_file(m->counts, JSON_DISABLE_EOF_CHECK, &je)) ==
	    NULL) {
		ui_status(
		    UI_ERROR, "« %s » illisible : %s", m->counts, je.text);
		return;
	}
	if (console_db(m->c, 1, &e) == -1 ||
	    testvote_compare(m->c->db.el, m->c->db.urn, m->id, count,
	        act_actor(), &conformes, &cmp, report, sizeof(report),
	        &e) == -1) {
		ui_status(UI_ERROR, "%s", e.msg);
		goto out;
	}
	screen_lines_clear(&m->t);
	ui_pad(name, sizeof(name), "Liste ou candidat", 56);
	screen_lines_add(&m->t, "%s attendu  obtenu", name);
	json_array_foreach(cmp, i, r)
	{
		json_t *g = json_object_get(r, "obtenu");
		char got[32] = "—";
		if (json_is_integer(g))
			snprintf(got, sizeof(got), "%lld",
			    (long long)json_integer_value(g));
		ui_pad(name, sizeof(name),
		    json_string_value(json_object_get(r, "ligne")), 56);
		snprintf(row, sizeof(row), "%s %7lld %7s", name,
		    (long long)json_integer_value(
		        json_object_get(r, "attendu")),
		    got);
		screen_lines_add(&m->t, "%s", row);
	}
	ui_status(conformes ? UI_OK : UI_ERROR,
	    "Vote à blanc du scrutin n° %u : %s", m->id, report);
out:
	json_decref(cmp);
	json_decref(count);
}

void
screen_testvote(struct console *c, unsigned scrutin)
{
	struct tv m = {.c = c, .id = scrutin};
	int k = 0;

	ui_status_clear();
	while (!ui_is_back(k)) {
		if (k == 'e')
			tv_electors(&m);
		else if (k == 'c')
			tv_compare(&m);
		tv_draw(&m);
		k = ui_key(-1);
		ui_list_key(&m.t.l, k, UI_BOTTOM - UI_TOP - 1);
	}
	screen_lines_clear(&m.t);
	ui_status_clear();
}
