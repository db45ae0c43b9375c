/* cmd_electoral_list.c: `electors list`, the electoral lists of every
 * establishment × collège of the operation as CSV and PDF for the unions
 * and the employer (R-DATA-1, lib/electoral_list.c). */
#include "config.h"

#include <stdio.h>
#include <string.h>
#include <sys/stat.h>

#include "act.h"
#include "cmd.h"
#include "electoral_list.h"
#include "operation.h"
#include "pv.h"

static void
say(const char *etab, const char *college, const char *pdf, unsigned long n, void *ctx)
{
	(void)ctx;
	printf("%s, %s : %lu électeur%s → %s (et .csv)\n", etab, college, n, n > 1 ? "s" : "", pdf);
}

int
cmd_electors_list(int argc, char **argv)
{
	const char *conf = NULL, *dir = NULL, *opcode = NULL;
	struct operation op;
	struct act_dbs d = { NULL, NULL };
	struct conf *c = NULL;
	struct err e;
	int rc = 1;

	for (int i = 0; i + 1 < argc; i += 2) {
		if (strcmp(argv[i], "--out") == 0)
			dir = argv[i + 1];
		else if (strcmp(argv[i], "--operation") == 0)
			opcode = argv[i + 1];
		else if (strcmp(argv[i], "-c") == 0)
			conf = argv[i + 1];
		else
			dir = NULL;
	}
	if (dir == NULL || argc % 2 != 0) {
		fprintf(stderr, "usage : isoloir-console electors list --out DOSSIER [--operation CODE] "
		    "[-c CONF]\n");
		return 2;
	}
	/* personal data: readable by the owner only */
	umask(077);
	if ((c = act_conf_load(conf, &e)) == NULL || act_connect(c, &d, 0, &e) == -1 ||
	    operation_load(d.el, opcode, &op, &e) == -1 ||
	    electoral_lists_write(d.el, op.id, op.name, dir, say, NULL, &e) == -1) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	rc = 0;
out:
	/* the font caches of the PDF, so that leak checkers see none */
	pv_release();
	act_close(&d);
	conf_free(c);
	return rc;
}
