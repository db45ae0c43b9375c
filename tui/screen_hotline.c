/* screen_hotline.c: the hotline mode (`isoloir-console --hotline`, with the
 * restricted hotline account, R-AUTH-4): find an elector by name, type
 * what the caller says of their identity, and reissue the credentials;
 * lib/reissue.c decides (identity confirmed, not voted everywhere) and
 * journals. The operator sees the new identifier, never the password,
 * which goes to the delivery channel's spool. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>

#include "screens.h"

#define HOT_LIST (UI_TOP + 3)

struct hot {
	struct console *c;
	char nom[256];
	json_t *found;
	struct ui_list l;
	char told[128];         /* the new identifier, to read out */
};

static void
hot_draw(void *self)
{
	struct hot *h = self;
	char line[1024];
	int rows = UI_BOTTOM - 2 - HOT_LIST;

	snprintf(line, sizeof(line), " Assistance aux électeurs — opérateur : %s", h->c->operator);
	ui_frame(line, " n rechercher  ↑↓ choisir  Entrée vérifier l'identité et renvoyer"
	    "  q quitter");
	if (h->found != NULL) {
		snprintf(line, sizeof(line), "Recherche « %s » : %d électeur%s", h->nom, h->l.n,
		    h->l.n > 1 ? "s" : "");
		ui_text(UI_TOP + 1, 1, COLS - 2, h->l.n > 0 ? line : "Aucun électeur à ce nom.",
		    A_BOLD);
	}
	ui_list_fit(&h->l, rows);
	for (int i = 0; i < rows && h->l.top + i < h->l.n; i++) {
		json_t *x = json_array_get(h->found, (size_t)(h->l.top + i));
		snprintf(line, sizeof(line), "%6lld  %s %s — %s",
		    (long long)json_integer_value(json_object_get(x, "id")),
		    json_string_value(json_object_get(x, "prenom")),
		    json_string_value(json_object_get(x, "nom")),
		    json_string_value(json_object_get(x, "etablissement")));
		ui_text(HOT_LIST + i, 1, COLS - 2, line, h->l.top + i == h->l.sel ? A_REVERSE : 0);
	}
	ui_text(UI_BOTTOM - 1, 1, COLS - 2, h->told, A_BOLD);
	refresh();
}

static void
hot_search(struct hot *h)
{
	struct ui_view v = { hot_draw, h };
	struct err e;
	json_t *found;

	if (!ui_prompt(&v, "Nom de l'électeur :", h->nom, sizeof(h->nom), 0) || h->nom[0] == '\0')
		return;
	if (console_db(h->c, 0, &e) == -1 || (found = reissue_search(h->c->db.el, h->nom, &e)) == NULL) {
		console_db_lost(h->c);
		ui_status(UI_ERROR, "Recherche impossible : %s", e.msg);
		return;
	}
	json_decref(h->found);
	h->found = found;
	h->l = (struct ui_list){ .n = (int)json_array_size(found) };
	h->told[0] = '\0';
	ui_status_clear();
}

/* What the caller says, typed by the operator; lib/ compares. */
struct hot_ident {
	char nom[256], naissance[16], cp[16], nir[8];
};

static int
hot_ask(struct hot *h, struct hot_ident *id)
{
	struct ui_view v = { hot_draw, h };

	return ui_prompt(&v, "Nom déclaré :", id->nom, sizeof(id->nom), 0) &&
	    ui_prompt(&v, "Date de naissance (JJ/MM/AAAA) :", id->naissance, sizeof(id->naissance), 0) &&
	    ui_prompt(&v, "Code postal :", id->cp, sizeof(id->cp), 0) &&
	    ui_prompt(&v, "Clé NIR (2 chiffres) :", id->nir, sizeof(id->nir), 0);
}

static void
hot_outcome(struct hot *h, unsigned id, struct reissue_result *r)
{
	struct err e;

	if (r->outcome != REISSUE_DONE) {
		ui_status(UI_ERROR, "%s", r->message);
		return;
	}
	if (act_spool_password(h->c->spool, id, r, &e) == -1) {
		ui_status(UI_ERROR, "%s", e.msg);
		return;
	}
	ui_status(UI_OK, "%s", r->message);
	snprintf(h->told, sizeof(h->told), "Nouvel identifiant (peut être lu à l'électeur) : %s",
	    r->identifier);
}

static void
hot_reissue(struct hot *h)
{
	json_t *x = json_array_get(h->found, (size_t)h->l.sel);
	unsigned id = (unsigned)json_integer_value(json_object_get(x, "id"));
	struct hot_ident in = { .nom = "" };
	struct reissue_identity ident;
	struct reissue_result res = { 0 };
	unsigned char key[32];
	struct err e;

	if (x == NULL)
		return;
	h->told[0] = '\0';
	if (h->c->spool == NULL) {
		ui_status(UI_ERROR, "Aucun dossier de dépôt des mots de passe (--spool DOSSIER ou "
		    "[hotline] spool) : renvoi impossible.");
		return;
	}
	if (!hot_ask(h, &in)) {
		ui_status(UI_INFO, "Annulé : rien n'a été renvoyé.");
		return;
	}
	ident = (struct reissue_identity){ in.nom, import_date(in.naissance), in.cp, in.nir };
	if (act_login_key(h->c->conf, key, &e) == -1 || console_db(h->c, 0, &e) == -1 ||
	    reissue(h->c->db.el, key, h->c->operator, id, &ident, &res, &e) == -1)
		ui_status(UI_ERROR, "%s", e.msg);
	else
		hot_outcome(h, id, &res);
	OPENSSL_cleanse(&res, sizeof(res));
	OPENSSL_cleanse(key, sizeof(key));
	OPENSSL_cleanse(&in, sizeof(in));
}

void
screen_hotline(struct console *c)
{
	struct hot h = { .c = c };
	int k = 'n';

	while (k != 'q' && k != 'Q') {
		if (k == 'n')
			hot_search(&h);
		else if (ui_is_enter(k) && h.l.n > 0)
			hot_reissue(&h);
		hot_draw(&h);
		k = ui_key(-1);
		ui_list_key(&h.l, k, UI_BOTTOM - 2 - HOT_LIST);
	}
	json_decref(h.found);
}
