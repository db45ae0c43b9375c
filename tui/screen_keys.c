/* screen_keys.c: the keys of a scrutin (R-BUR-1), « l » from its screen:
 * the election fingerprint F to give the key holders (as `keys
 * fingerprint`), the key installed if any (public key, threshold, the
 * président requis groups), and « i » installs the ceremony's public.json
 * (lib/election.c, the same checks and messages as `keys install`). */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include "election.h"
#include "group.h"
#include "screens.h"

#define KEY_FIELD 1024

struct keys {
	struct console *c;
	unsigned id;
	char path[KEY_FIELD];
	struct screen_lines t;
};

static void
keys_draw(void *self)
{
	struct keys *k = self;
	char title[64];

	snprintf(title, sizeof(title), " Clés du scrutin n° %u", k->id);
	ui_frame(title,
	    " ↑↓ parcourir  i installer public.json  a actualiser  q retour");
	screen_lines_draw(&k->t, UI_TOP + 1);
	refresh();
}

/* "k sur n" of a key or a group. */
static void
keys_threshold(struct keys *k, const char *what, const json_t *o)
{
	screen_lines_add(&k->t, "%s : %lld sur %lld détenteurs", what,
	    (long long)json_integer_value(json_object_get(o, "threshold")),
	    (long long)json_integer_value(json_object_get(o, "holders")));
}

/* F now (from the parameters and lists), then what is installed. */
static void
keys_load(struct keys *k)
{
	unsigned char fp[ELECTION_FP_LEN];
	char hex[2 * ELECTION_FP_LEN + 1];
	json_t *params = NULL, *info = NULL, *g;
	struct err e;
	int nul;

	screen_lines_clear(&k->t);
	if (console_db(k->c, 0, &e) == -1) {
		ui_status(UI_ERROR, "%s", e.msg);
		return;
	}
	screen_lines_add(&k->t,
	    "Empreinte F de l'élection, à donner aux détenteurs de clés :");
	if (election_nul_setting(k->c->db.el, k->id, &nul, &e) == -1 ||
	    (params = election_params(k->c->db.el, k->id, nul, &e)) == NULL ||
	    election_fingerprint(params, fp, &e) == -1) {
		screen_lines_add(&k->t, "  indisponible : %s", e.msg);
	} else {
		group_hex(fp, sizeof(fp), hex);
		screen_lines_add(&k->t, "  %s", hex);
	}
	screen_lines_add(&k->t, "%s", "");
	if ((info = election_keys_info(k->c->db.el, k->id, &e)) == NULL) {
		console_db_lost(k->c);
		ui_status(UI_ERROR, "%s", e.msg);
	} else if (json_is_null(info)) {
		screen_lines_add(&k->t,
		    "Clés installées : non (« i » pour installer public.json)");
	} else {
		screen_lines_add(&k->t, "Clés installées : oui");
		screen_lines_add(&k->t, "Clé publique de l'élection :");
		screen_lines_add(&k->t, "  %s",
		    json_string_value(json_object_get(info, "public_key")));
		screen_lines_add(
		    &k->t, "Empreinte F de la cérémonie des clés :");
		screen_lines_add(&k->t, "  %s",
		    json_string_value(json_object_get(info, "fingerprint")));
		if ((g = json_object_get(info, "groups")) != NULL &&
		    json_array_size(g) == 2) {
			keys_threshold(k,
			    "Président requis : groupe du président (avec son "
			    "suppléant)",
			    json_array_get(g, 0));
			keys_threshold(k,
			    "Président requis : groupe des autres membres",
			    json_array_get(g, 1));
		} else if (json_object_get(info, "threshold") != NULL) {
			keys_threshold(k, "Seuil", info);
		} else {
			screen_lines_add(&k->t, "Seuil : inconnu (clés installées sans leur transcription)");
		}
	}
	json_decref(info);
	json_decref(params);
}

/* « i »: the public.json of isoloir-trustee public, checked by lib/. */
static void
keys_install(struct keys *k)
{
	struct ui_view v = {keys_draw, k};
	json_error_t je;
	json_t *pub, *g;
	struct err e;

	if (!ui_prompt(&v, "Fichier public.json de la cérémonie des clés :",
	        k->path, sizeof(k->path), 0) ||
	    k->path[0] == '\0')
		return;
	if ((pub = json_load_file(k->path, 0, &je)) == NULL) {
		ui_status(UI_ERROR, "« %s » illisible : %s (ligne %d)", k->path,
		    je.text, je.line);
		return;
	}
	ui_status(UI_INFO, "Vérification des clés…");
	keys_draw(k);
	if (console_db(k->c, 0, &e) == -1 ||
	    election_install_keys(k->c->db.el, k->id, pub, act_actor(), &e) ==
	        -1) {
		ui_status(UI_ERROR, "%s", e.msg);
	} else if ((g = json_object_get(pub, "groups")) != NULL) {
		ui_status(UI_OK,
		    "Clés installées : scrutin %u « clés générées », président "
		    "requis "
		    "(%lld sur %lld avec son suppléant) et %lld sur %lld "
		    "autres membres.",
		    k->id,
		    (long long)json_integer_value(
		        json_object_get(json_array_get(g, 0), "threshold")),
		    (long long)json_integer_value(
		        json_object_get(json_array_get(g, 0), "holders")),
		    (long long)json_integer_value(
		        json_object_get(json_array_get(g, 1), "threshold")),
		    (long long)json_integer_value(
		        json_object_get(json_array_get(g, 1), "holders")));
	} else {
		ui_status(UI_OK,
		    "Clés installées : scrutin %u « clés générées », seuil "
		    "%lld sur %lld.",
		    k->id,
		    (long long)json_integer_value(
		        json_object_get(pub, "threshold")),
		    (long long)json_integer_value(
		        json_object_get(pub, "holders")));
	}
	json_decref(pub);
}

void
screen_keys(struct console *c, unsigned scrutin)
{
	struct keys k = {.c = c, .id = scrutin};
	int key = 'a';

	ui_status_clear();
	while (!ui_is_back(key)) {
		if (key == 'i')
			keys_install(&k);
		if (key == 'i' || key == 'a')
			keys_load(&k);
		keys_draw(&k);
		key = ui_key(-1);
		ui_list_key(&k.t.l, key, UI_BOTTOM - UI_TOP - 1);
	}
	screen_lines_clear(&k.t);
	ui_status_clear();
}
