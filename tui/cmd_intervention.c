/* cmd_intervention.c: `isoloir-console intervention TYPE --detail TEXTE`,
 * a technical intervention journaled for the bureau (R-BUR-7,
 * lib/intervention.c); scripts/stack calls it when it scales or restarts
 * the workers. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "act.h"
#include "cmd.h"
#include "intervention.h"

int
cmd_intervention(int argc, char **argv)
{
	const char *conf = NULL, *type = NULL, *detail = NULL;
	struct act_dbs d = { NULL, NULL };
	struct conf *c = NULL;
	struct err e;
	int rc = 1;

	for (int i = 0; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(argv[i], "--detail") == 0 && v != NULL)
			detail = argv[++i];
		else if (strcmp(argv[i], "-c") == 0 && v != NULL)
			conf = argv[++i];
		else if (argv[i][0] != '-' && type == NULL)
			type = argv[i];
		else
			type = NULL, argc = -1;
	}
	if (type == NULL || detail == NULL) {
		fprintf(stderr, "usage : isoloir-console intervention TYPE --detail TEXTE [-c CONF]\n");
		return 2;
	}
	if ((c = act_conf_load(conf, &e)) == NULL || act_connect(c, &d, 0, &e) == -1 ||
	    intervention_record(d.el, act_actor(), type, detail, &e) == -1) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	printf("Intervention journalisée ; le bureau la voit dans le journal.\n");
	rc = 0;
out:
	act_close(&d);
	conf_free(c);
	return rc;
}
