/* cmd_keys.c: the scrutin's keys (R-BUR-1): `keys fingerprint` gives the
 * election fingerprint the key ceremony (isoloir-trustee) is held for;
 * `keys install` checks and stores the ceremony's public.json and moves
 * the scrutin to « clés générées ». */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "act.h"
#include "cmd.h"
#include "election.h"
#include "group.h"

static int
keys_usage(void)
{
	fprintf(stderr, "usage : isoloir-console keys fingerprint SCRUTIN [--json] [-c CONF]\n"
	    "        isoloir-console keys install SCRUTIN PUBLIC.json [-c CONF]\n");
	return 2;
}

/* Positional arguments and -c; others refused. */
static int
keys_args(int argc, char **argv, const char **pos, int npos, const char **conf, int *json)
{
	int k = 0;

	*conf = NULL;
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-c") == 0 && i + 1 < argc)
			*conf = argv[++i];
		else if (json != NULL && strcmp(argv[i], "--json") == 0)
			*json = 1;
		else if (argv[i][0] != '-' && k < npos)
			pos[k++] = argv[i];
		else
			return -1;
	}
	return k == npos ? 0 : -1;
}

int
cmd_keys_fingerprint(int argc, char **argv)
{
	const char *pos[1], *conf;
	unsigned char fp[ELECTION_FP_LEN];
	char hex[2 * ELECTION_FP_LEN + 1];
	struct conf *c = NULL;
	json_t *params = NULL;
	struct act_dbs d = { NULL, NULL };
	struct err e;
	int json = 0, nul, rc = 1;

	if (keys_args(argc, argv, pos, 1, &conf, &json) == -1)
		return keys_usage();
	if ((c = act_conf_load(conf, &e)) == NULL || act_connect(c, &d, 0, &e) == -1 ||
	    election_nul_setting(d.el, (unsigned)strtoul(pos[0], NULL, 10), &nul, &e) == -1 ||
	    (params = election_params(d.el, (unsigned)strtoul(pos[0], NULL, 10), nul, &e)) == NULL ||
	    election_fingerprint(params, fp, &e) == -1) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	group_hex(fp, sizeof(fp), hex);
	if (json) {
		char *s = election_canonical(params);
		printf("%s\n", s != NULL ? s : "");
		free(s);
	} else {
		printf("%s\n", hex);
	}
	rc = 0;
out:
	json_decref(params);
	act_close(&d);
	conf_free(c);
	return rc;
}

int
cmd_keys_install(int argc, char **argv)
{
	const char *pos[2], *conf;
	struct conf *c = NULL;
	json_t *pub = NULL;
	json_error_t je;
	struct act_dbs d = { NULL, NULL };
	struct err e;
	int rc = 1;

	if (keys_args(argc, argv, pos, 2, &conf, NULL) == -1)
		return keys_usage();
	if ((pub = json_load_file(pos[1], 0, &je)) == NULL) {
		fprintf(stderr, "isoloir-console : « %s » illisible : %s (ligne %d)\n", pos[1], je.text,
		    je.line);
		goto out;
	}
	if ((c = act_conf_load(conf, &e)) == NULL || act_connect(c, &d, 0, &e) == -1 ||
	    election_install_keys(d.el, (unsigned)strtoul(pos[0], NULL, 10), pub, act_actor(),
	    &e) == -1) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	if (json_object_get(pub, "groups") != NULL) {
		const json_t *g = json_object_get(pub, "groups");
		printf("clés installées : scrutin %s « clés générées », président requis (%lld sur %lld "
		    "avec son suppléant) et %lld sur %lld autres membres\n", pos[0],
		    (long long)json_integer_value(json_object_get(json_array_get(g, 0), "threshold")),
		    (long long)json_integer_value(json_object_get(json_array_get(g, 0), "holders")),
		    (long long)json_integer_value(json_object_get(json_array_get(g, 1), "threshold")),
		    (long long)json_integer_value(json_object_get(json_array_get(g, 1), "holders")));
	} else {
		printf("clés installées : scrutin %s « clés générées », seuil %lld sur %lld\n", pos[0],
		    (long long)json_integer_value(json_object_get(pub, "threshold")),
		    (long long)json_integer_value(json_object_get(pub, "holders")));
	}
	rc = 0;
out:
	json_decref(pub);
	act_close(&d);
	conf_free(c);
	return rc;
}
