/* screen_main.c: the interactive console's entry: options, terminal,
 * connections shared by the screens, and the data every screen shows. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "db.h"
#include "screens.h"
#include "turnout.h"

int
console_db(struct console *c, int need_urn, struct err *e)
{
	return act_connect(c->conf, &c->db, need_urn, e);
}

void
console_db_lost(struct console *c)
{
	act_close(&c->db);
}

json_t *
console_scrutins(struct console *c, struct err *e)
{
	json_t *t;

	if (console_db(c, 0, e) == -1)
		return NULL;
	if ((t = turnout_all(c->db.el, e)) == NULL)
		console_db_lost(c);
	return t;
}

static const char *
console_str(json_t *row, const char *key)
{
	const char *s = json_string_value(json_object_get(row, key));

	return s != NULL ? s : "";
}

void
console_scrutin_label(json_t *row, char out[LC_LABEL_MAX])
{
	lifecycle_label(console_str(row, "etablissement"), console_str(row, "college"),
	    console_str(row, "categorie"),
	    (unsigned)json_integer_value(json_object_get(row, "tour")), out);
}

void
console_state_label(json_t *row, char *out, size_t cap)
{
	const char *name = console_str(row, "etat");
	enum lc_state s;
	struct err e;

	snprintf(out, cap, "%s", lifecycle_state_parse(name, &s, &e) == 0 ?
	    lifecycle_state_label(s) : name);
	/* the first letter is ASCII or a two-byte é/É */
	if (out[0] >= 'a' && out[0] <= 'z')
		out[0] = (char)(out[0] - 'a' + 'A');
	else if ((unsigned char)out[0] == 0xC3 && (unsigned char)out[1] == 0xA9)
		out[1] = (char)0x89;
}

static int
screen_usage(void)
{
	fprintf(stderr, "usage : isoloir-console [ui] [-c CONF]   (écrans interactifs, sur un terminal)\n"
	    "        isoloir-console --hotline -c CONF [--spool DOSSIER] [--operateur NOM]\n"
	    "        isoloir-console --projection [-c CONF] [--scrutin N]   (cérémonies publiques)\n"
	    "        isoloir-console --help   (commandes non interactives)\n");
	return 2;
}

struct screen_args {
	const char *conf;
	int hotline, projection;
	unsigned scrutin;
	const char *spool, *operator;
};

static int
screen_args(int argc, char **argv, struct screen_args *a)
{
	for (int i = 0; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(argv[i], "--hotline") == 0)
			a->hotline = 1;
		else if (strcmp(argv[i], "--projection") == 0)
			a->projection = 1;
		else if (strcmp(argv[i], "--scrutin") == 0 && v != NULL) {
			char *end;
			unsigned long n = strtoul(argv[++i], &end, 10);
			if (*end != '\0' || n == 0 || n > 0xffffffffUL)
				return -1;
			a->scrutin = (unsigned)n;
		}
		else if (strcmp(argv[i], "-c") == 0 && v != NULL)
			a->conf = argv[++i];
		else if (strcmp(argv[i], "--spool") == 0 && v != NULL)
			a->spool = argv[++i];
		else if (strcmp(argv[i], "--operateur") == 0 && v != NULL)
			a->operator = argv[++i];
		else
			return -1;
	}
	return 0;
}

int
screen_main(int argc, char **argv)
{
	struct screen_args a = { 0 };
	struct console c = { 0 };
	const char *user = getenv("USER");
	struct err e;

	if (screen_args(argc, argv, &a) == -1 || (a.hotline && a.projection) || !isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO))
		return screen_usage();
	if ((c.conf = act_conf_load(a.conf, &e)) == NULL) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		return 1;
	}
	c.operator = a.operator != NULL ? a.operator : user != NULL && *user != '\0' ? user : "?";
	c.spool = a.spool != NULL ? a.spool : conf_get(c.conf, "hotline", "spool");
	if (ui_start() == -1) {
		fprintf(stderr, "isoloir-console : terminal inutilisable\n");
		conf_free(c.conf);
		return 1;
	}
	if (a.hotline)
		screen_hotline(&c);
	else if (a.projection)
		screen_projection(&c, a.scrutin);
	else
		screen_dashboard(&c);
	ui_stop();
	act_close(&c.db);
	conf_free(c.conf);
	return 0;
}
