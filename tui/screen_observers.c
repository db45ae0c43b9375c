/* screen_observers.c: the observer accounts (R-AUTH-7), « v » from the
 * dashboard: délégués de liste, union delegates, huissier and expert,
 * read-only and scoped to scrutins. « a » adds one, its credentials going
 * to a new 0600 file and never to the screen (as `observer add`,
 * tui/act_observer.c); « r » revokes the selected one at once, logins and
 * open sessions (as `observer revoke`). Everything is journaled by
 * lib/observer.c. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "screens.h"

#define OBS_FIELD 256
#define OBS_LIST (UI_TOP + 1)

struct obs {
	struct console *c;
	json_t *rows;
	struct ui_list l;
	char kind[OBS_FIELD], nom[OBS_FIELD], prenom[OBS_FIELD];
	char scrutins[OBS_FIELD], out[1024];
};

static void
obs_load(struct obs *m)
{
	json_t *rows;
	struct err e;

	if (console_db(m->c, 0, &e) == -1 ||
	    (rows = observer_list(m->c->db.el, &e)) == NULL) {
		ui_status(UI_ERROR, "Lecture des observateurs impossible : %s",
		    e.msg);
		return;
	}
	json_decref(m->rows);
	m->rows = rows;
	m->l.n = (int)json_array_size(rows);
	if (m->l.sel >= m->l.n)
		m->l.sel = m->l.n > 0 ? m->l.n - 1 : 0;
}

static void
obs_draw(void *self)
{
	struct obs *m = self;
	int rows = UI_BOTTOM - OBS_LIST;
	char line[512], who[160];

	ui_frame(" Observateurs (délégués, huissier, expert)",
	    " ↑↓ parcourir  a ajouter  r révoquer  q retour");
	ui_text(UI_TOP, 1, COLS - 2,
	    m->l.n == 0 ? "Aucun observateur : « a » pour en ajouter un."
	                : "  N°  Qualité              Nom                      "
	                  "  Scrutins",
	    A_UNDERLINE);
	ui_list_fit(&m->l, rows);
	for (int i = 0; i < rows && m->l.top + i < m->l.n; i++) {
		json_t *x = json_array_get(m->rows, (size_t)(m->l.top + i));
		const char *label = observer_kind_label(
		    json_string_value(json_object_get(x, "qualite")));
		char kind[64], name[64];
		snprintf(who, sizeof(who), "%s %s",
		    json_string_value(json_object_get(x, "prenom")),
		    json_string_value(json_object_get(x, "nom")));
		ui_pad(kind, sizeof(kind), label != NULL ? label : "?", 20);
		ui_pad(name, sizeof(name), who, 26);
		snprintf(line, sizeof(line), "%4d  %s %s %s%s",
		    (int)json_integer_value(json_object_get(x, "id")), kind,
		    name, json_string_value(json_object_get(x, "scrutins")),
		    json_is_true(json_object_get(x, "revoque")) ? " (révoqué)"
		                                                : "");
		ui_text(OBS_LIST + i, 1, COLS - 2, line,
		    m->l.top + i == m->l.sel ? A_REVERSE : A_NORMAL);
	}
	refresh();
}

static void
obs_add(struct obs *m)
{
	struct ui_view v = {obs_draw, m};
	struct observer_new o = {0};
	char ident[CRED_TEXT_MAX];
	unsigned id;
	struct err e;

	if (!ui_prompt(&v,
	        "Qualité (delegue_liste, delegue_syndical, huissier, expert) :",
	        m->kind, sizeof(m->kind), 0) ||
	    !ui_prompt(&v, "Nom :", m->nom, sizeof(m->nom), 0) ||
	    !ui_prompt(&v, "Prénom :", m->prenom, sizeof(m->prenom), 0) ||
	    !ui_prompt(&v, "Scrutins (numéros séparés par des virgules) :",
	        m->scrutins, sizeof(m->scrutins), 0) ||
	    !ui_prompt(&v,
	        "Fichier à créer (identifiant et mot de passe, 0600) :", m->out,
	        sizeof(m->out), 0))
		return;
	if (act_observer_scrutins(m->scrutins, &o) == -1) {
		ui_status(UI_ERROR,
		    "Scrutins « %s » invalides : des numéros séparés par des "
		    "virgules (1,2).",
		    m->scrutins);
		return;
	}
	if (m->out[0] == '\0') {
		ui_status(
		    UI_ERROR, "Indiquez le fichier des identifiants à créer.");
		return;
	}
	o.kind = m->kind;
	o.nom = m->nom;
	o.prenom = m->prenom;
	if (console_db(m->c, 0, &e) == -1 ||
	    act_observer_add(m->c->conf, m->c->db.el, &o, m->scrutins, m->out,
	        &id, ident, &e) == -1) {
		ui_status(UI_ERROR, "%s", e.msg);
		return;
	}
	ui_status(UI_OK,
	    "Observateur n° %u, identifiant %s : identifiants dans %s", id,
	    ident, m->out);
	m->nom[0] = m->prenom[0] = m->out[0] = '\0';
	obs_load(m);
}

static void
obs_revoke(struct obs *m)
{
	struct ui_view v = {obs_draw, m};
	json_t *x = json_array_get(m->rows, (size_t)m->l.sel);
	unsigned id = (unsigned)json_integer_value(json_object_get(x, "id"));
	char q[512];
	struct err e;

	if (x == NULL)
		return;
	if (json_is_true(json_object_get(x, "revoque"))) {
		ui_status(
		    UI_ERROR, "L'observateur n° %u est déjà révoqué.", id);
		return;
	}
	snprintf(q, sizeof(q), "Révoquer l'observateur n° %u (%s %s) ?", id,
	    json_string_value(json_object_get(x, "prenom")),
	    json_string_value(json_object_get(x, "nom")));
	if (!ui_confirm(&v, q))
		return;
	if (console_db(m->c, 0, &e) == -1 ||
	    observer_revoke(m->c->db.el, id, act_actor(), &e) == -1)
		ui_status(UI_ERROR, "%s", e.msg);
	else
		ui_status(UI_OK,
		    "Observateur n° %u révoqué : ni connexion ni session "
		    "ouverte.",
		    id);
	obs_load(m);
}

void
screen_observers(struct console *c)
{
	struct obs m = {.c = c};
	int k = 0;

	ui_status_clear();
	obs_load(&m);
	while (!ui_is_back(k)) {
		if (k == 'a')
			obs_add(&m);
		else if (k == 'r')
			obs_revoke(&m);
		obs_draw(&m);
		k = ui_key(-1);
		ui_list_key(&m.l, k, UI_BOTTOM - OBS_LIST);
	}
	json_decref(m.rows);
	ui_status_clear();
}
