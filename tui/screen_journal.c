/* screen_journal.c: the journal of either database (R-BUR-7), read through
 * journal_export, with the result of the chain check on top; newest entry
 * at the bottom, selected; the selected entry's actor and detail in full. */
#include "config.h"

#include <curses.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "journal.h"
#include "screens.h"

#define JNL_LIST (UI_TOP + 3)

struct jnl {
	struct console *c;
	const char *which;          /* "electors" or "urn" */
	unsigned scrutin;           /* the scrutin the screen was opened from */
	int only;                   /* show only that scrutin's entries */
	json_t *entries;
	char check[ERR_MSG_MAX + 64];
	int check_ok;
	struct ui_list l;
};

static MYSQL *
jnl_db(struct jnl *j, struct err *e)
{
	int urn = strcmp(j->which, "urn") == 0;

	if (console_db(j->c, urn, e) == -1)
		return NULL;
	return urn ? j->c->db.urn : j->c->db.el;
}

/* journal_export's JSON lines into an array, or only the entries of
 * scrutin when it is not 0. */
static json_t *
jnl_parse(const char *text, unsigned scrutin)
{
	json_t *all = json_array();
	const char *p = text;

	while (p != NULL && *p != '\0') {
		const char *nl = strchr(p, '\n');
		size_t n = nl != NULL ? (size_t)(nl - p) : strlen(p);
		json_t *x = json_loadb(p, n, 0, NULL);
		if (x != NULL && (scrutin == 0 || json_integer_value(json_object_get(x,
		    "scrutin")) == (json_int_t)scrutin))
			json_array_append_new(all, x);
		else
			json_decref(x);
		p = nl != NULL ? nl + 1 : NULL;
	}
	return all;
}

static void
jnl_load(struct jnl *j)
{
	char *text = NULL;
	size_t len = 0;
	uint64_t count = 0;
	struct err e;
	MYSQL *m;
	FILE *f;

	json_decref(j->entries);
	j->entries = NULL;
	j->l.n = 0;
	j->check_ok = 0;
	if ((m = jnl_db(j, &e)) == NULL) {
		snprintf(j->check, sizeof(j->check), "Journal illisible : %s", e.msg);
		return;
	}
	if ((f = open_memstream(&text, &len)) == NULL) {
		snprintf(j->check, sizeof(j->check), "Journal illisible : mémoire insuffisante");
		return;
	}
	if (journal_export(m, f, &e) == -1) {
		fclose(f);
		snprintf(j->check, sizeof(j->check), "Journal illisible : %s", e.msg);
		free(text);
		return;
	}
	fclose(f);
	j->entries = jnl_parse(text, j->only ? j->scrutin : 0);
	j->l.n = (int)json_array_size(j->entries);
	j->l.sel = j->l.n - 1;
	j->check_ok = act_journal_verify(m, &count, &e) == 0;
	if (j->check_ok)
		snprintf(j->check, sizeof(j->check), "Chaînage intact : %llu entrées vérifiées.",
		    (unsigned long long)count);
	else
		snprintf(j->check, sizeof(j->check), "Chaînage NON CONFORME : %s", e.msg);
	free(text);
}

static void
jnl_row(int y, json_t *x, int selected)
{
	json_t *scr = json_object_get(x, "scrutin");
	const char *at = json_string_value(json_object_get(x, "at"));
	char line[512], n[16] = "";

	if (json_is_integer(scr))
		snprintf(n, sizeof(n), "%lld", (long long)json_integer_value(scr));
	snprintf(line, sizeof(line), "%6lld  %.19s  %-20.20s %4s  %s",
	    (long long)json_integer_value(json_object_get(x, "seq")), at != NULL ? at : "",
	    json_string_value(json_object_get(x, "action")), n,
	    json_string_value(json_object_get(x, "detail")));
	ui_text(y, 1, COLS - 2, line, selected ? A_REVERSE : A_NORMAL);
}

/* The selected entry in full, in the status box. */
static void
jnl_status(struct jnl *j)
{
	json_t *x = json_array_get(j->entries, (size_t)j->l.sel);

	if (x != NULL)
		ui_status(UI_INFO, "n° %lld, %s, par %s : %s",
		    (long long)json_integer_value(json_object_get(x, "seq")),
		    json_string_value(json_object_get(x, "action")),
		    json_string_value(json_object_get(x, "acteur")),
		    json_string_value(json_object_get(x, "detail")));
}

static void
jnl_draw(void *self)
{
	struct jnl *j = self;
	char title[128];
	int rows = UI_BOTTOM - JNL_LIST;

	snprintf(title, sizeof(title), " Journal %s%s", strcmp(j->which, "urn") == 0 ?
	    "de l'urne" : "des électeurs", j->only ? " — ce scrutin seulement" : "");
	jnl_status(j);
	ui_frame(title, j->scrutin > 0 ? " ↑↓ PgPréc PgSuiv  f ce scrutin/tout  b autre base"
	    "  r relire  q retour" : " ↑↓ PgPréc PgSuiv parcourir  b autre base  r relire  q retour");
	ui_text(UI_TOP, 1, COLS - 2, j->check, j->check_ok ? A_BOLD : A_BOLD | A_BLINK);
	ui_text(JNL_LIST - 1, 1, COLS - 2, "    n°  date et heure        action"
	    "               scr.  détail", A_BOLD | A_UNDERLINE);
	ui_list_fit(&j->l, rows);
	for (int i = 0; i < rows && j->l.top + i < j->l.n; i++)
		jnl_row(JNL_LIST + i, json_array_get(j->entries, (size_t)(j->l.top + i)),
		    j->l.top + i == j->l.sel);
	refresh();
}

void
screen_journal(struct console *c, const char *which, unsigned scrutin_id)
{
	struct jnl j = { .c = c, .which = which, .scrutin = scrutin_id };
	int k = 0;

	jnl_load(&j);
	while (!ui_is_back(k)) {
		jnl_draw(&j);
		k = ui_key(-1);
		if (ui_list_key(&j.l, k, UI_BOTTOM - JNL_LIST))
			continue;
		if (k == 'b')
			j.which = strcmp(j.which, "urn") == 0 ? "electors" : "urn";
		if (k == 'f' && j.scrutin > 0)
			j.only = !j.only;
		if (k == 'b' || k == 'r' || (k == 'f' && j.scrutin > 0))
			jnl_load(&j);
	}
	json_decref(j.entries);
	ui_status_clear();
}
