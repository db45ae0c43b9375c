/* screens.h: the interactive screens of isoloir-console (ncursesw), one
 * file each (tui/screen_*.c); they call the same lib/ functions as the
 * subcommands, through tui/act.c where there is more than one call. */
#ifndef ISOLOIR_SCREENS_H
#define ISOLOIR_SCREENS_H

#include <stddef.h>

#include <jansson.h>

#include "act.h"
#include "bureau.h"
#include "conf.h"
#include "ui.h"

/* One session of the console. */
struct console {
	struct conf *conf;
	struct act_dbs db;
	const char *operator;   /* hotline: who answers the phone */
	const char *spool;      /* hotline: where new passwords go */
};

/* The databases, connected on first use and again after a failure. */
int console_db(struct console *c, int need_urn, struct err *e);
/* After a failed read: drop the connections so the next use reconnects. */
void console_db_lost(struct console *c);
/* Turnout and states of every scrutin (turnout_all); NULL with e. */
json_t *console_scrutins(struct console *c, struct err *e);
/* "Siège, Cadres, suppléants, 1er tour" from a console_scrutins row. */
void console_scrutin_label(json_t *row, char out[LC_LABEL_MAX]);
/* "Ouvert": the French state label of a row, capitalised. */
void console_state_label(json_t *row, char *out, size_t cap);

/* `isoloir-console [ui] [-c CONF] [--hotline [--spool DIR] [--operateur N]]`. */
int screen_main(int argc, char **argv);

void screen_dashboard(struct console *c);
void screen_scrutin(struct console *c, unsigned id);
/* The journal of "electors" or "urn"; scrutin_id > 0 offers « f » to show
 * only that scrutin's entries. */
void screen_journal(struct console *c, const char *which, unsigned scrutin_id);
void screen_import(struct console *c);
/* The operation description file: check, create, update. */
void screen_operation(struct console *c);
/* The checklist of the scrutin's latest ceremony (R-BUR-10). */
void screen_ceremony(struct console *c, unsigned scrutin);
void screen_hotline(struct console *c);
/* The read-only projection view of public ceremonies (R-OPS-7), from
 * scrutin (0: the first). */
void screen_projection(struct console *c, unsigned scrutin);
/* The keys of a scrutin: fingerprint F, installed key, installing one. */
void screen_keys(struct console *c, unsigned scrutin);
/* The electors' credentials and their letters. */
void screen_credentials(struct console *c);
/* The test vote of a scrutin: test electors, results against the plan. */
void screen_testvote(struct console *c, unsigned scrutin);
/* The émargement list of a closed scrutin exported as CSV and PDF (needs
 * the bureau's configuration: the console's account cannot read it). */
void screen_emargement(struct console *c, unsigned scrutin);
/* The count of a scrutin (titled with its label): encrypted totals for
 * the key holders, their partial decryptions combined, the seats, the
 * draws by lot, the proclamation with the bureau's codes, the PV. */
void screen_count(struct console *c, unsigned scrutin, const char *label);
/* Observer accounts (R-AUTH-7): list, add (credentials to a 0600 file),
 * revoke. */
void screen_observers(struct console *c);
/* Retention of an operation (asked for over `under`): recourse period,
 * disputes, destruction steps, certificate. */
void screen_archive(struct console *c, const struct ui_view *under);
/* The candidates file: check, import, control list. */
void screen_candidates(struct console *c);

/* Lines of text under a screen's title, scrolled with ui_list_key. */
struct screen_lines {
	char **v;
	size_t n;
	struct ui_list l;
};
void screen_lines_add(struct screen_lines *s, const char *fmt, ...)
    __attribute__((format(printf, 2, 3)));
void screen_lines_split(struct screen_lines *s, const char *text);
void screen_lines_clear(struct screen_lines *s);
/* From line y to UI_BOTTOM. */
void screen_lines_draw(struct screen_lines *s, int y);

/* The personal codes typed for one action, wiped by screen_codes_wipe. */
struct screen_codes {
	struct bureau_code codes[BUREAU_MAX_CODES];
	char text[BUREAU_MAX_CODES][BUREAU_CODE_MAX + 1];
	size_t n;
};
/* Ask the members of bureau_id for their codes; 1 when validated. */
int screen_codes(struct console *c, unsigned bureau_id, const char *action,
    struct screen_codes *out);
void screen_codes_wipe(struct screen_codes *sc);

#endif
