/* cmd_pvcopy.c: `pv copies` (what is due or sent, and the bordereau
 * d'envoi PDF) and `pv sent` (a sending recorded, journaled) for the
 * copies of the proclaimed PVs (R-RES-3, lib/pv_copy.c). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "act.h"
#include "cmd.h"
#include "pv.h"
#include "pv_copy.h"

struct pvc_opts {
	unsigned operation, scrutin;
	const char *conf, *to, *date, *means, *pdf;
};

static int
pvc_parse(int argc, char **argv, struct pvc_opts *o)
{
	memset(o, 0, sizeof(*o));
	if (argc % 2 != 0)
		return -1;
	for (int i = 0; i < argc; i += 2) {
		const char *k = argv[i], *v = argv[i + 1];
		if (strcmp(k, "--operation") == 0)
			o->operation = (unsigned)strtoul(v, NULL, 10);
		else if (strcmp(k, "--scrutin") == 0)
			o->scrutin = (unsigned)strtoul(v, NULL, 10);
		else if (strcmp(k, "--to") == 0)
			o->to = v;
		else if (strcmp(k, "--date") == 0)
			o->date = v;
		else if (strcmp(k, "--moyen") == 0)
			o->means = v;
		else if (strcmp(k, "--bordereau") == 0)
			o->pdf = v;
		else if (strcmp(k, "-c") == 0)
			o->conf = v;
		else
			return -1;
	}
	return o->operation > 0 || o->scrutin > 0 ? 0 : -1;
}

static int
pvc_print(const struct pv_copy_row *r, void *ctx)
{
	int *pending = ctx;

	if (*r->sent_on != '\0')
		printf("%u\t%s\t%s\tenvoyé le %s%s%s\n", r->scrutin,
		    r->recipient, r->kind, r->sent_on, *r->means ? " — " : "",
		    r->means);
	else {
		(*pending)++;
		printf("%u\t%s\t%s\tÀ ENVOYER%s%s\n", r->scrutin, r->recipient,
		    r->kind, *r->due ? " avant le " : "", r->due);
	}
	return 0;
}

int
cmd_pv_copies(int argc, char **argv)
{
	struct pvc_opts o;
	struct act_dbs d = {NULL, NULL};
	struct conf *c = NULL;
	struct err e;
	int rc = 1, pending = 0;

	if (pvc_parse(argc, argv, &o) == -1 ||
	    (o.pdf != NULL && o.operation == 0)) {
		fprintf(stderr, "usage : isoloir-console pv copies --operation "
		                "N|--scrutin N "
		                "[--bordereau BORDEREAU.pdf (avec "
		                "--operation)] [-c CONF]\n");
		return 2;
	}
	if ((c = act_conf_load(o.conf, &e)) == NULL ||
	    act_connect(c, &d, 0, &e) == -1 ||
	    pv_copies_list(
	        d.el, o.operation, o.scrutin, pvc_print, &pending, &e) == -1 ||
	    (o.pdf != NULL &&
	        pv_copies_pdf(d.el, o.operation, o.pdf, &e) == -1))
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
	else {
		printf("%d copie(s) à envoyer\n", pending);
		if (o.pdf != NULL)
			printf("%s écrit (bordereau d'envoi)\n", o.pdf);
		rc = 0;
	}
	act_close(&d);
	conf_free(c);
	if (o.pdf != NULL)
		pv_release();
	return rc;
}

int
cmd_pv_sent(int argc, char **argv)
{
	struct pvc_opts o;
	struct act_dbs d = {NULL, NULL};
	struct conf *c = NULL;
	struct err e;
	int rc = 1, n = 0;

	if (pvc_parse(argc, argv, &o) == -1 || o.to == NULL || o.date == NULL) {
		fprintf(stderr,
		    "usage : isoloir-console pv sent --to DESTINATAIRE --date "
		    "AAAA-MM-JJ "
		    "[--moyen TEXTE] --scrutin N|--operation N [-c CONF]\n");
		return 2;
	}
	if ((c = act_conf_load(o.conf, &e)) == NULL ||
	    act_connect(c, &d, 0, &e) == -1 ||
	    pv_copy_sent(d.el, o.operation, o.scrutin, o.to, o.date, o.means,
	        act_actor(), &n, &e) == -1)
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
	else {
		printf(
		    "Envoi à %s le %s enregistré pour %d procès-verbal(aux)\n",
		    o.to, o.date, n);
		rc = 0;
	}
	act_close(&d);
	conf_free(c);
	return rc;
}
