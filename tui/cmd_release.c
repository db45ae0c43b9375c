/* cmd_release.c: the certified release's reference digests (R-BUR-3,
 * lib/release.c): `release manifest PROGRAMME...` prints the manifest the
 * expert certifies, `release certify FICHIER --expert NOM` records it,
 * `release show` prints the reference in force. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "act.h"
#include "cmd.h"
#include "release.h"

int
cmd_release_manifest(int argc, char **argv)
{
	json_t *m;
	struct err e;

	if (argc < 1 || argv[0][0] == '-') {
		fprintf(stderr,
		    "usage : isoloir-console release manifest PROGRAMME...\n");
		return 2;
	}
	if ((m = release_manifest(
	         (const char *const *)argv, (size_t)argc, &e)) == NULL) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		return 1;
	}
	json_dumpf(m, stdout, JSON_INDENT(1) | JSON_SORT_KEYS);
	putchar('\n');
	json_decref(m);
	return 0;
}

int
cmd_release_certify(int argc, char **argv)
{
	const char *conf = NULL, *expert = NULL, *file = NULL;
	struct act_dbs d = {NULL, NULL};
	struct conf *c = NULL;
	json_t *m = NULL;
	json_error_t je;
	struct err e;
	int rc = 1;

	for (int i = 0; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(argv[i], "--expert") == 0 && v != NULL)
			expert = argv[++i];
		else if (strcmp(argv[i], "-c") == 0 && v != NULL)
			conf = argv[++i];
		else if (argv[i][0] != '-' && file == NULL)
			file = argv[i];
		else
			file = NULL, argc = -1;
	}
	if (file == NULL || expert == NULL) {
		fprintf(stderr, "usage : isoloir-console release certify "
		                "MANIFESTE.json --expert NOM [-c CONF]\n");
		return 2;
	}
	if ((m = json_load_file(file, JSON_REJECT_DUPLICATES, &je)) == NULL) {
		fprintf(stderr,
		    "isoloir-console : %s : JSON illisible (ligne %d : %s)\n",
		    file, je.line, je.text);
		return 1;
	}
	if ((c = act_conf_load(conf, &e)) == NULL ||
	    act_connect(c, &d, 0, &e) == -1 ||
	    release_certify(d.el, m, expert, act_actor(), &e) == -1) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	printf("Version de référence enregistrée (%zu programmes), certifiée "
	       "par %s ; chaque scellement "
	       "comparera les programmes à ces empreintes.\n",
	    json_array_size(json_object_get(m, "programmes")), expert);
	rc = 0;
out:
	json_decref(m);
	act_close(&d);
	conf_free(c);
	return rc;
}

int
cmd_release_show(int argc, char **argv)
{
	const char *conf =
	    argc == 2 && strcmp(argv[0], "-c") == 0 ? argv[1] : NULL;
	struct act_dbs d = {NULL, NULL};
	struct conf *c = NULL;
	json_t *m = NULL, *p;
	char sha[65], expert[256];
	struct err e;
	size_t i;
	int rc = 1, found;

	if (argc != 0 && conf == NULL) {
		fprintf(
		    stderr, "usage : isoloir-console release show [-c CONF]\n");
		return 2;
	}
	if ((c = act_conf_load(conf, &e)) == NULL ||
	    act_connect(c, &d, 0, &e) == -1 ||
	    (found = release_current(
	         d.el, &m, sha, expert, sizeof(expert), &e)) == -1) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	if (found == 0)
		printf("Aucune version de référence certifiée : les "
		       "scellements ne comparent pas les "
		       "programmes à une référence.\n");
	else {
		printf("Version de référence certifiée par %s (empreinte du "
		       "manifeste %s) :\n",
		    expert, sha);
		json_array_foreach(json_object_get(m, "programmes"), i, p)
		    printf("  %-24s %s\n",
		        json_string_value(json_object_get(p, "nom")),
		        json_string_value(json_object_get(p, "sha256")));
	}
	rc = 0;
out:
	json_decref(m);
	act_close(&d);
	conf_free(c);
	return rc;
}
