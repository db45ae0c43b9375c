/* cmd_pv.c: `isoloir-console pv`: the procès-verbal (R-RES-3) as PDF (and
 * CSV), either from files (the counting law's output and a header: no
 * database needed, the bureau can print on its own computer) or from the
 * databases after the count (the decrypted counts file plus a base header
 * for the employer's identity). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "act.h"
#include "cmd.h"
#include "conf.h"
#include "db.h"
#include "proclaim.h"
#include "pv.h"
#include "results.h"
#include "rules.h"

struct pv_opts {
	const char *rules, *header, *out, *csv, *counts, *conf;
	unsigned scrutin;
};

static int
pv_usage(void)
{
	fprintf(stderr, "usage : isoloir-console pv --rules RESULTAT.json --header EN-TETE.json "
	    "--out PV.pdf [--csv PV.csv]\n"
	    "        isoloir-console pv --scrutin N --counts COMPTES.json [--header EN-TETE.json] "
	    "--out PV.pdf [--csv PV.csv] -c CONF\n");
	return 2;
}

static int
pv_parse(int argc, char **argv, struct pv_opts *o)
{
	static const char *names[] = { "--rules", "--header", "--out", "--csv", "--counts", "-c" };
	const char **slots[] = { &o->rules, &o->header, &o->out, &o->csv, &o->counts, &o->conf };

	memset(o, 0, sizeof(*o));
	if (argc % 2 != 0)
		return -1;
	for (int i = 0; i < argc; i += 2) {
		size_t k;
		if (strcmp(argv[i], "--scrutin") == 0) {
			o->scrutin = (unsigned)strtoul(argv[i + 1], NULL, 10);
			continue;
		}
		for (k = 0; k < sizeof(names) / sizeof(names[0]); k++)
			if (strcmp(argv[i], names[k]) == 0 || (k == 5 && strcmp(argv[i], "--conf") == 0))
				break;
		if (k == sizeof(names) / sizeof(names[0]))
			return -1;
		*slots[k] = argv[i + 1];
	}
	if (o->out == NULL)
		return -1;
	if (o->scrutin > 0)
		return o->counts != NULL && o->conf != NULL && o->rules == NULL ? 0 : -1;
	return o->rules != NULL && o->header != NULL ? 0 : -1;
}

static int
pv_write(const struct pv_doc *d, const struct pv_opts *o, struct err *e)
{
	if (pv_pdf_write(d, o->out, e) == -1 || (o->csv != NULL && pv_csv_write(d, o->csv, e) == -1))
		return -1;
	printf("%s écrit (empreinte des résultats %s)\n", o->out, d->digest);
	if (o->csv != NULL)
		printf("%s écrit\n", o->csv);
	return 0;
}

/* The results of the counts, the header from the databases. */
static struct pv_doc *
pv_from_db(const struct pv_opts *o, struct err *e)
{
	struct db_params pe, pu;
	struct conf *c = NULL;
	MYSQL *el = NULL, *urn = NULL;
	json_t *cnt = NULL, *base = NULL;
	struct pv_doc *d = NULL;
	json_error_t je;

	if ((cnt = json_load_file(o->counts, 0, &je)) == NULL) {
		err_set(e, "%s : %s", o->counts, je.text);
		goto out;
	}
	if (o->header != NULL && (base = json_load_file(o->header, 0, &je)) == NULL) {
		err_set(e, "%s : %s", o->header, je.text);
		goto out;
	}
	if ((c = conf_load(o->conf, e)) == NULL || db_params_from_conf(c, "electors_db", &pe, e) == -1 ||
	    db_params_from_conf(c, "urn_db", &pu, e) == -1 || (el = db_connect(&pe, e)) == NULL ||
	    (urn = db_connect(&pu, e)) == NULL)
		goto out;
	d = act_pv_doc(el, urn, o->scrutin, cnt, base, e);
out:
	json_decref(base);
	json_decref(cnt);
	db_close(el);
	db_close(urn);
	conf_free(c);
	return d;
}

int
cmd_pv(int argc, char **argv)
{
	struct pv_opts o;
	struct pv_doc *d;
	struct err e;
	int rc = 1;

	if (pv_parse(argc, argv, &o) == -1)
		return pv_usage();
	d = o.scrutin > 0 ? pv_from_db(&o, &e) : pv_doc_load(o.rules, o.header, &e);
	if (d == NULL || pv_write(d, &o, &e) == -1)
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
	else
		rc = 0;
	pv_doc_free(d);
	pv_release();
	return rc;
}
