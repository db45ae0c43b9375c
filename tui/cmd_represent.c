/* cmd_represent.c: `results consolidate`, the unions' representativeness
 * over several establishments and collèges (R-RES-2, lib/represent.c),
 * and the sharing of a central CSE's seats. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "act.h"
#include "cmd.h"
#include "represent.h"

#define MAX_COUNTS 256

int
cmd_results_consolidate(int argc, char **argv)
{
	const char *conf = NULL;
	json_t *counts[MAX_COUNTS], *doc = NULL;
	size_t n = 0;
	unsigned seats = 0;
	struct act_dbs d = { NULL, NULL };
	struct conf *c = NULL;
	json_error_t je;
	struct err e;
	int rc = 1, bad = 0;

	for (int i = 0; i < argc && !bad; i++) {
		if (strcmp(argv[i], "--seats") == 0 && i + 1 < argc) {
			seats = (unsigned)strtoul(argv[++i], NULL, 10);
		} else if (strcmp(argv[i], "-c") == 0 && i + 1 < argc) {
			conf = argv[++i];
		} else if (strcmp(argv[i], "--counts") == 0) {
			while (i + 1 < argc && argv[i + 1][0] != '-' && n < MAX_COUNTS) {
				if ((counts[n] = json_load_file(argv[++i], 0, &je)) == NULL) {
					fprintf(stderr, "isoloir-console : « %s » illisible : %s\n", argv[i], je.text);
					bad = 1;
					break;
				}
				n++;
			}
		} else {
			bad = 2;
		}
	}
	if (bad == 2 || (n == 0 && !bad)) {
		fprintf(stderr, "usage : isoloir-console results consolidate --counts COMPTES.json... "
		    "[--seats N] [-c CONF]\n");
		rc = 2;
		goto out;
	}
	if (bad)
		goto out;
	if ((c = act_conf_load(conf, &e)) == NULL || act_connect(c, &d, 0, &e) == -1 ||
	    (doc = represent_from_counts(d.el, counts, n, seats, &e)) == NULL) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	json_dumpf(doc, stdout, JSON_INDENT(1) | JSON_PRESERVE_ORDER);
	putchar('\n');
	rc = 0;
out:
	for (size_t i = 0; i < n; i++)
		json_decref(counts[i]);
	json_decref(doc);
	act_close(&d);
	conf_free(c);
	return rc;
}
