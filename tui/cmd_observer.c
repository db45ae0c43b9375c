/* cmd_observer.c: observer accounts (R-AUTH-7, lib/observer.c):
 *   observer add --qualite Q --nom N --prenom P --scrutins 1,2 --out FICHIER
 * [-c CONF] observer revoke ID [-c CONF] observer list [-c CONF] The
 * credentials go to a new 0600 file, as the test electors' do: the password
 * never shows on the screen (tui/act_observer.c, shared with the
 * console's observers screen). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "act.h"
#include "cmd.h"
#include "observer.h"

struct oargs {
	const char *conf, *out, *scrutins;
	struct observer_new o;
};

static int
observer_args(int argc, char **argv, struct oargs *a)
{
	memset(a, 0, sizeof(*a));
	for (int i = 0; i + 1 < argc; i += 2) {
		const char *o = argv[i], *v = argv[i + 1];
		if (strcmp(o, "-c") == 0)
			a->conf = v;
		else if (strcmp(o, "--out") == 0)
			a->out = v;
		else if (strcmp(o, "--qualite") == 0)
			a->o.kind = v;
		else if (strcmp(o, "--nom") == 0)
			a->o.nom = v;
		else if (strcmp(o, "--prenom") == 0)
			a->o.prenom = v;
		else if (strcmp(o, "--scrutins") == 0)
			a->scrutins = v;
		else
			return -1;
	}
	return argc % 2 == 0 ? 0 : -1;
}

int
cmd_observer_add(int argc, char **argv)
{
	char ident[CRED_TEXT_MAX];
	struct act_dbs d = {NULL, NULL};
	struct conf *c = NULL;
	struct oargs a;
	struct err e;
	unsigned id;
	int rc = 1;

	if (observer_args(argc, argv, &a) == -1 || a.out == NULL ||
	    act_observer_scrutins(a.scrutins, &a.o) == -1) {
		fprintf(stderr, "usage : isoloir-console observer add "
		                "--qualite delegue_liste|"
		                "delegue_syndical|huissier|expert --nom NOM "
		                "--prenom PRENOM --scrutins 1,2 "
		                "--out FICHIER [-c CONF]\n");
		return 2;
	}
	if ((c = act_conf_load(a.conf, &e)) == NULL ||
	    act_connect(c, &d, 0, &e) == -1 ||
	    act_observer_add(c, d.el, &a.o, a.scrutins, a.out, &id, ident, &e) == -1) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	printf("Observateur n° %u (%s %s, %s), identifiant %s : identifiants "
	       "dans %s\n",
	    id, a.o.prenom, a.o.nom, observer_kind_label(a.o.kind), ident,
	    a.out);
	rc = 0;
out:
	act_close(&d);
	conf_free(c);
	return rc;
}

int
cmd_observer_revoke(int argc, char **argv)
{
	struct act_dbs d = {NULL, NULL};
	struct conf *c = NULL;
	struct oargs a;
	struct err e;
	unsigned long id = argc > 0 ? strtoul(argv[0], NULL, 10) : 0;
	int rc = 1;

	if (id == 0 || observer_args(argc - 1, argv + 1, &a) == -1) {
		fprintf(stderr,
		    "usage : isoloir-console observer revoke ID [-c CONF]\n");
		return 2;
	}
	if ((c = act_conf_load(a.conf, &e)) == NULL ||
	    act_connect(c, &d, 0, &e) == -1 ||
	    observer_revoke(d.el, (unsigned)id, act_actor(), &e) == -1)
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
	else
		printf("Observateur n° %lu révoqué : ni connexion ni session "
		       "ouverte.\n",
		    id),
		    rc = 0;
	act_close(&d);
	conf_free(c);
	return rc;
}

/* One account per line (the padding counts bytes: labels are short). */
static void
observer_print(const json_t *x)
{
	printf("%6d  %-20s %s %s — scrutins %s%s\n",
	    (int)json_integer_value(json_object_get(x, "id")),
	    observer_kind_label(json_string_value(json_object_get(x, "qualite"))),
	    json_string_value(json_object_get(x, "prenom")),
	    json_string_value(json_object_get(x, "nom")),
	    json_string_value(json_object_get(x, "scrutins")),
	    json_is_true(json_object_get(x, "revoque")) ? " (révoqué)" : "");
}

int
cmd_observer_list(int argc, char **argv)
{
	struct act_dbs d = {NULL, NULL};
	struct conf *c = NULL;
	json_t *list = NULL, *x;
	struct oargs a;
	struct err e;
	size_t i;

	if (observer_args(argc, argv, &a) == -1) {
		fprintf(stderr,
		    "usage : isoloir-console observer list [-c CONF]\n");
		return 2;
	}
	if ((c = act_conf_load(a.conf, &e)) == NULL ||
	    act_connect(c, &d, 0, &e) == -1 ||
	    (list = observer_list(d.el, &e)) == NULL) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		act_close(&d);
		conf_free(c);
		return 1;
	}
	json_array_foreach(list, i, x) {
		observer_print(x);
	}
	if (json_array_size(list) == 0)
		printf("Aucun observateur.\n");
	json_decref(list);
	act_close(&d);
	conf_free(c);
	return 0;
}
