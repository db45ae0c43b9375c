/* cmd_keys.c: the scrutin's keys (R-BUR-1): `keys fingerprint` gives the
 * election fingerprint the key ceremony (isoloir-trustee) is held for;
 * `keys install` checks and stores the ceremony's public.json and moves
 * the scrutin to « clés générées ». */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmd.h"
#include "conf.h"
#include "db.h"
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

	*conf = getenv("ISOLOIR_CONSOLE_CONF");
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

static MYSQL *
keys_connect(const char *path, struct conf **c, struct err *e)
{
	struct db_params p;

	if ((*c = conf_load(path != NULL ? path : "/etc/isoloir/console.conf", e)) == NULL ||
	    db_params_from_conf(*c, "electors_db", &p, e) == -1)
		return NULL;
	return db_connect(&p, e);
}

int
cmd_keys_fingerprint(int argc, char **argv)
{
	const char *pos[1], *conf;
	unsigned char fp[ELECTION_FP_LEN];
	char hex[2 * ELECTION_FP_LEN + 1];
	struct conf *c = NULL;
	json_t *params = NULL;
	MYSQL *el = NULL;
	struct err e;
	int json = 0, nul, rc = 1;

	if (keys_args(argc, argv, pos, 1, &conf, &json) == -1)
		return keys_usage();
	if ((el = keys_connect(conf, &c, &e)) == NULL ||
	    election_nul_setting(el, (unsigned)strtoul(pos[0], NULL, 10), &nul, &e) == -1 ||
	    (params = election_params(el, (unsigned)strtoul(pos[0], NULL, 10), nul, &e)) == NULL ||
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
	db_close(el);
	conf_free(c);
	return rc;
}

int
cmd_keys_install(int argc, char **argv)
{
	const char *pos[2], *conf, *u = getenv("USER");
	char actor[128];
	struct conf *c = NULL;
	json_t *pub = NULL;
	json_error_t je;
	MYSQL *el = NULL;
	struct err e;
	int rc = 1;

	if (keys_args(argc, argv, pos, 2, &conf, NULL) == -1)
		return keys_usage();
	snprintf(actor, sizeof(actor), "console:%s", u != NULL && *u != '\0' ? u : "?");
	if ((pub = json_load_file(pos[1], 0, &je)) == NULL) {
		fprintf(stderr, "isoloir-console : « %s » illisible : %s (ligne %d)\n", pos[1], je.text,
		    je.line);
		goto out;
	}
	if ((el = keys_connect(conf, &c, &e)) == NULL ||
	    election_install_keys(el, (unsigned)strtoul(pos[0], NULL, 10), pub, actor, &e) == -1) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	printf("clés installées : scrutin %s « clés générées », seuil %lld sur %lld\n", pos[0],
	    (long long)json_integer_value(json_object_get(pub, "threshold")),
	    (long long)json_integer_value(json_object_get(pub, "holders")));
	rc = 0;
out:
	json_decref(pub);
	db_close(el);
	conf_free(c);
	return rc;
}
