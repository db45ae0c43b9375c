/* rules.c: isoloir-rules, the seat allocation of rules-schema.md:
 *   isoloir-rules --json FILE      (FILE "-" reads standard input)
 * prints exactly one JSON object; exit 0 when valid, 1 when the input is
 * invalid (the object then lists the errors), 2 on a usage error. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "rules.h"

static int
usage(void)
{
	fprintf(stderr, "usage : isoloir-rules --json FICHIER\n"
	    "Calcule la répartition des sièges (quotient électoral, plus forte moyenne,\n"
	    "ratures à 10 %%, quorum, représentativité) à partir des résultats bruts.\n");
	return 2;
}

int
main(int argc, char **argv)
{
	json_error_t je;
	json_t *in, *out;
	int valid;

	if (argc == 2 && (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0)) {
		usage();
		return 0;
	}
	if (argc != 3 || strcmp(argv[1], "--json") != 0)
		return usage();
	in = strcmp(argv[2], "-") == 0 ? json_loadf(stdin, JSON_REJECT_DUPLICATES, &je)
	    : json_load_file(argv[2], JSON_REJECT_DUPLICATES, &je);
	if (in == NULL) {
		out = json_pack("{s:b, s:[s+]}", "valid", 0, "errors", "JSON illisible : ", je.text);
	} else {
		out = rules_run_json(in);
	}
	valid = json_is_true(json_object_get(out, "valid"));
	json_dumpf(out, stdout, JSON_INDENT(2));
	putchar('\n');
	json_decref(out);
	json_decref(in);
	return valid ? 0 : 1;
}
