/* cmd_archive.c: after the proclamation (R-BUR-9, R-OPS-5, lib/destroy.c):
 * `archive status`, `archive dispute open|close`, `destroy` with the
 * bureau's codes, and `archive certificate` (the certificate PDF). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "act.h"
#include "cmd.h"
#include "destroy.h"
#include "pv.h"

#define ARCHIVE_CODES_MAX 4096

struct archive_opts {
	unsigned operation, bureau;
	const char *conf, *codes, *text, *out;
};

/* --operation N [--bureau N] [--codes F] [--texte T] [--out|--certificat F] [-c
 * CONF] */
static int
archive_parse(int argc, char **argv, struct archive_opts *o)
{
	memset(o, 0, sizeof(*o));
	if (argc % 2 != 0)
		return -1;
	for (int i = 0; i < argc; i += 2) {
		const char *k = argv[i], *v = argv[i + 1];
		if (strcmp(k, "--operation") == 0)
			o->operation = (unsigned)strtoul(v, NULL, 10);
		else if (strcmp(k, "--bureau") == 0)
			o->bureau = (unsigned)strtoul(v, NULL, 10);
		else if (strcmp(k, "--codes") == 0)
			o->codes = v;
		else if (strcmp(k, "--texte") == 0)
			o->text = v;
		else if (strcmp(k, "--out") == 0 ||
		         strcmp(k, "--certificat") == 0)
			o->out = v;
		else if (strcmp(k, "-c") == 0)
			o->conf = v;
		else
			return -1;
	}
	return o->operation > 0 ? 0 : -1;
}

static int
archive_usage(const char *what)
{
	fprintf(stderr, "usage : isoloir-console %s\n", what);
	return 2;
}

/* The bureau's codes, checked against the operation's bureau. */
static int
archive_authorise(struct act_dbs *d, const struct archive_opts *o,
    const char *action, struct bureau_auth *auth, struct err *e)
{
	char *text = calloc(1, ARCHIVE_CODES_MAX);
	struct bureau_code code[BUREAU_MAX_CODES];
	unsigned bureau = o->bureau;
	size_t n = 0;
	int rc = -1;

	if (text == NULL)
		return err_set(e, "mémoire insuffisante");
	if (bureau == 0 &&
	    destroy_bureau(d->el, o->operation, &bureau, e) == -1)
		goto out;
	/* codes of another operation's bureau never decide for this one */
	if (bureau != 0 && destroy_bureau_check(d->el, o->operation, bureau, e) == -1)
		goto out;
	if (bureau == 0) {
		err_set(e, "l'opération a plusieurs bureaux : nommer celui qui "
		           "décide (--bureau N)");
		goto out;
	}
	if (act_read_codes(o->codes, text, ARCHIVE_CODES_MAX, code, &n, e) ==
	        -1 ||
	    bureau_authorise(
	        d->el, bureau, code, n, act_actor(), action, 0, auth, e) == -1)
		goto out;
	rc = 0;
out:
	OPENSSL_cleanse(text, ARCHIVE_CODES_MAX);
	free(text);
	return rc;
}

static void
archive_line(const char *line, void *ctx)
{
	(void)ctx;
	printf("%s\n", line);
}

int
cmd_archive_status(int argc, char **argv)
{
	struct archive_opts o;
	struct destroy_status st;
	struct act_dbs d = {NULL, NULL};
	struct conf *c = NULL;
	struct err e;
	int rc = 1;

	if (archive_parse(argc, argv, &o) == -1)
		return archive_usage("archive status --operation N [-c CONF]");
	if ((c = act_conf_load(o.conf, &e)) == NULL ||
	    act_connect(c, &d, 0, &e) == -1 ||
	    destroy_status(d.el, o.operation, &st, &e) == -1)
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
	else {
		act_archive_lines(&st, archive_line, NULL);
		/* exit 3: a destruction was interrupted (scripts must see it)
		 */
		rc = st.steps[0].recorded && !st.steps[DESTROY_STEPS - 1].done
		         ? 3
		         : 0;
	}
	act_close(&d);
	conf_free(c);
	return rc;
}

static int
archive_dispute(int argc, char **argv, int open)
{
	struct archive_opts o;
	struct bureau_auth auth;
	struct act_dbs d = {NULL, NULL};
	struct conf *c = NULL;
	struct err e;
	int rc = 1;

	if (archive_parse(argc, argv, &o) == -1 || o.codes == NULL ||
	    o.text == NULL)
		return archive_usage(
		    open ? "archive dispute open --operation N --texte TEXTE "
		           "--codes "
		           "FICHIER [--bureau N] [-c CONF]"
		         : "archive dispute close --operation N --texte "
		           "DÉCISION --codes FICHIER [--bureau N] [-c CONF]");
	if ((c = act_conf_load(o.conf, &e)) == NULL ||
	    act_connect(c, &d, 0, &e) == -1 ||
	    archive_authorise(&d, &o,
	        open ? "contentieux_ouvert" : "contentieux_clos", &auth,
	        &e) == -1 ||
	    destroy_dispute(
	        d.el, o.operation, open, o.text, &auth, act_actor(), &e) == -1)
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
	else {
		printf(open ? "Contentieux consigné : les données sont "
		              "conservées jusqu'à la décision "
		              "définitive\n"
		            : "Décision définitive consignée : le délai de "
		              "conservation court "
		              "jusqu'à la plus tardive de cette date et de la "
		              "fin du délai de recours\n");
		rc = 0;
	}
	act_close(&d);
	conf_free(c);
	return rc;
}

int
cmd_archive_dispute_open(int argc, char **argv)
{
	return archive_dispute(argc, argv, 1);
}

int
cmd_archive_dispute_close(int argc, char **argv)
{
	return archive_dispute(argc, argv, 0);
}

static void
archive_note(const char *msg, void *ctx)
{
	(void)ctx;
	printf("%s\n", msg);
	fflush(stdout);
}

int
cmd_archive_certificate(int argc, char **argv)
{
	struct archive_opts o;
	struct act_dbs d = {NULL, NULL};
	struct conf *c = NULL;
	struct err e;
	int rc = 1;

	if (archive_parse(argc, argv, &o) == -1 || o.out == NULL)
		return archive_usage("archive certificate --operation N --out "
		                     "CERTIFICAT.pdf [-c CONF]");
	if ((c = act_conf_load(o.conf, &e)) == NULL ||
	    act_connect(c, &d, 0, &e) == -1 ||
	    destroy_certificate_pdf(d.el, o.operation, o.out, &e) == -1)
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
	else {
		printf("%s écrit (certificat de destruction)\n", o.out);
		rc = 0;
	}
	act_close(&d);
	conf_free(c);
	pv_release();
	return rc;
}

int
cmd_destroy(int argc, char **argv)
{
	struct archive_opts o;
	struct bureau_auth auth;
	struct destroy_status st;
	struct act_dbs d = {NULL, NULL};
	struct conf *c = NULL;
	struct err e;
	int rc = 1;

	if (archive_parse(argc, argv, &o) == -1 || o.codes == NULL ||
	    o.out == NULL)
		return archive_usage("destroy --operation N --codes FICHIER "
		                     "--certificat CERTIFICAT.pdf "
		                     "[--bureau N] [-c CONF]");
	/* the deadline is checked before the codes are asked for */
	if ((c = act_conf_load(o.conf, &e)) == NULL ||
	    act_connect(c, &d, 1, &e) == -1 ||
	    destroy_status(d.el, o.operation, &st, &e) == -1 ||
	    destroy_allowed(&st, &e) == -1 ||
	    archive_authorise(&d, &o, "destruction", &auth, &e) == -1 ||
	    destroy_run(d.el, d.urn, o.operation, &auth, act_actor(),
	        archive_note, NULL, &e) == -1 ||
	    destroy_certificate_pdf(d.el, o.operation, o.out, &e) == -1)
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
	else {
		printf("Destruction achevée ; %s écrit (certificat de "
		       "destruction)\n",
		    o.out);
		rc = 0;
	}
	act_close(&d);
	conf_free(c);
	pv_release();
	return rc;
}
