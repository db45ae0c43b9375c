/* screen_codes.c: the bureau's members type their personal codes for one
 * action (masked). Nothing is checked here: bureau_authorise does it, with
 * the quorum, when the action is applied, and never says whose code was
 * wrong on the screen. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <string.h>

#include <openssl/crypto.h>

#include "screens.h"

#define CODES_LIST (UI_TOP + 4)

struct codes {
	const char *action;
	json_t *members;
	struct screen_codes *sc;
	struct ui_list l;
};

/* Index in sc of the code typed by member id, or -1. */
static int
codes_find(const struct screen_codes *sc, unsigned id)
{
	for (size_t i = 0; i < sc->n; i++)
		if (sc->codes[i].member_id == id)
			return (int)i;
	return -1;
}

static unsigned
codes_member_id(const struct codes *k, int i)
{
	return (unsigned)json_integer_value(json_object_get(json_array_get(k->members,
	    (size_t)i), "id"));
}

static void
codes_draw(void *self)
{
	struct codes *k = self;
	char line[BUREAU_NAME_MAX + 64];
	int rows = UI_BOTTOM - CODES_LIST;

	snprintf(line, sizeof(line), " Codes du bureau de vote — passer à « %s »", k->action);
	ui_frame(line, " ↑↓ choisir  Entrée saisir le code  v valider  Échap annuler");
	ui_wrap(UI_TOP + 1, 2, COLS - 4, 2, "Le président (ou le secrétaire qui le remplace) et "
	    "les autres membres requis saisissent chacun leur code personnel.", A_NORMAL);
	ui_list_fit(&k->l, rows);
	for (int i = 0; i < rows && k->l.top + i < k->l.n; i++) {
		int m = k->l.top + i;
		json_t *j = json_array_get(k->members, (size_t)m);
		char role[64];
		ui_pad(role, sizeof(role), json_string_value(json_object_get(j, "role")), 12);
		snprintf(line, sizeof(line), "%s %s %s", codes_find(k->sc,
		    codes_member_id(k, m)) >= 0 ? "[code saisi]" : "[          ]", role,
		    json_string_value(json_object_get(j, "nom")));
		ui_text(CODES_LIST + i, 2, COLS - 4, line, m == k->l.sel ? A_REVERSE : A_NORMAL);
	}
	refresh();
}

/* Ask the selected member for a code (masked), replacing an earlier one. */
static void
codes_type(struct codes *k)
{
	struct ui_view v = { codes_draw, k };
	struct screen_codes *sc = k->sc;
	unsigned id = codes_member_id(k, k->l.sel);
	char label[BUREAU_NAME_MAX + 32];
	int i = codes_find(sc, id);

	if (i < 0 && sc->n == BUREAU_MAX_CODES)
		return;
	if (i < 0)
		i = (int)sc->n;
	snprintf(label, sizeof(label), "Code de %s :", json_string_value(json_object_get(
	    json_array_get(k->members, (size_t)k->l.sel), "nom")));
	sc->text[i][0] = '\0';
	if (!ui_prompt(&v, label, sc->text[i], sizeof(sc->text[i]), 1) || sc->text[i][0] == '\0')
		return;
	sc->codes[i].member_id = id;
	sc->codes[i].code = sc->text[i];
	if ((size_t)i == sc->n)
		sc->n++;
}

int
screen_codes(struct console *c, unsigned bureau_id, const char *action, struct screen_codes *sc)
{
	struct codes k = { .action = action, .sc = sc };
	struct err e;
	int key = 0;

	if (console_db(c, 0, &e) == -1 || (k.members = bureau_members(c->db.el, bureau_id, &e)) == NULL) {
		ui_status(UI_ERROR, "Membres du bureau illisibles : %s", e.msg);
		return 0;
	}
	k.l.n = (int)json_array_size(k.members);
	ui_status(UI_INFO, "Les codes sont vérifiés ensemble à la validation.");
	while (key != UI_ESC && key != 'v') {
		codes_draw(&k);
		key = ui_key(-1);
		if (ui_is_enter(key) && k.l.n > 0)
			codes_type(&k);
		else
			ui_list_key(&k.l, key, UI_BOTTOM - CODES_LIST);
	}
	json_decref(k.members);
	ui_status_clear();
	return key == 'v';
}

void
screen_codes_wipe(struct screen_codes *sc)
{
	OPENSSL_cleanse(sc, sizeof(*sc));
}
