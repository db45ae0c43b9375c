/* cmd_observer.c: observer accounts (R-AUTH-7, lib/observer.c):
 *   observer add --qualite Q --nom N --prenom P --scrutins 1,2 --out FICHIER
 * [-c CONF] observer revoke ID [-c CONF] observer list [-c CONF] The
 * credentials go to a new 0600 file, as the test electors' do: the password
 * never shows on the screen. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <openssl/crypto.h>

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

/* "1,2,5" into o->scrutins; -1 when malformed. */
static int
observer_scrutins(const char *s, struct observer_new *o)
{
	char *end;

	while (
	    s != NULL && *s != '\0' && o->nscrutins < OBSERVER_MAX_SCRUTINS) {
		unsigned long v = strtoul(s, &end, 10);
		if (end == s || v == 0 || v > 1000000 ||
		    (*end != ',' && *end != '\0'))
			return -1;
		o->scrutins[o->nscrutins++] = (unsigned)v;
		s = *end == ',' ? end + 1 : end;
	}
	return s != NULL && *s == '\0' && o->nscrutins > 0 ? 0 : -1;
}

static FILE *
observer_file(const char *path, struct err *e)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	FILE *f = fd == -1 ? NULL : fdopen(fd, "w");

	if (f == NULL) {
		if (fd != -1)
			close(fd);
		err_set(e,
		    "écriture impossible de « %s » (il ne doit pas exister)",
		    path);
	}
	return f;
}

static int
observer_write(FILE *f, const struct oargs *a, unsigned id, const char *ident,
    const char *pw)
{
	fprintf(f,
	    "observateur;qualite;nom;prenom;scrutins;identifiant;mot_de_passe\n"
	    "%u;%s;%s;%s;%s;%s;%s\n",
	    id, a->o.kind, a->o.nom, a->o.prenom, a->scrutins, ident, pw);
	return fclose(f) == 0 ? 0 : -1;
}

int
cmd_observer_add(int argc, char **argv)
{
	char ident[CRED_TEXT_MAX], pw[CRED_TEXT_MAX];
	unsigned char key[32];
	struct act_dbs d = {NULL, NULL};
	struct conf *c = NULL;
	struct oargs a;
	struct err e, ignored;
	FILE *f = NULL;
	unsigned id;
	int rc = 1;

	if (observer_args(argc, argv, &a) == -1 || a.out == NULL ||
	    observer_scrutins(a.scrutins, &a.o) == -1) {
		fprintf(stderr, "usage : isoloir-console observer add "
		                "--qualite delegue_liste|"
		                "delegue_syndical|huissier|expert --nom NOM "
		                "--prenom PRENOM --scrutins 1,2 "
		                "--out FICHIER [-c CONF]\n");
		return 2;
	}
	if ((c = act_conf_load(a.conf, &e)) == NULL ||
	    act_login_key(c, key, &e) == -1 ||
	    act_connect(c, &d, 0, &e) == -1 ||
	    (f = observer_file(a.out, &e)) == NULL)
		goto fail;
	if (observer_add(d.el, &a.o, key, act_actor(), &id, ident, pw, &e) ==
	    -1) {
		fclose(f);
		unlink(a.out);
		goto fail;
	}
	if (observer_write(f, &a, id, ident, pw) == -1) {
		/* the account exists without its password: revoke it, say so */
		err_set(&e,
		    "écriture impossible de « %s » : compte n° %u créé puis "
		    "révoqué",
		    a.out, id);
		observer_revoke(d.el, id, act_actor(), &ignored);
		goto fail;
	}
	printf("Observateur n° %u (%s %s, %s), identifiant %s : identifiants "
	       "dans %s\n",
	    id, a.o.prenom, a.o.nom, observer_kind_label(a.o.kind), ident,
	    a.out);
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "isoloir-console : %s\n", e.msg);
out:
	OPENSSL_cleanse(pw, sizeof(pw));
	OPENSSL_cleanse(key, sizeof(key));
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
