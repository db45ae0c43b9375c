/* cmd_operation.c: the operation from its description file
 * (docs/operations.md): `operation create FILE [--check]` checks the whole
 * file then creates everything in one transaction, `operation update FILE`
 * brings it to the file before the sealing, `operation show` prints it
 * back in the same format (lib/opdef.c, lib/opdef_db.c). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "act.h"
#include "cmd.h"
#include "import_db.h"
#include "opdef_db.h"

struct op_args {
	const char *conf, *file;
	int check;
};

static int
op_args(int argc, char **argv, int want_file, struct op_args *a)
{
	*a = (struct op_args){NULL, NULL, 0};
	for (int i = 0; i < argc; i++) {
		if (strcmp(argv[i], "-c") == 0 && i + 1 < argc)
			a->conf = argv[++i];
		else if (strcmp(argv[i], "--check") == 0)
			a->check = 1;
		else if (argv[i][0] != '-' && a->file == NULL)
			a->file = argv[i];
		else
			return -1;
	}
	return want_file && a->file == NULL ? -1 : 0;
}

/* Check the file and print every error; NULL when there is one. */
static struct opdef *
op_check(const char *path)
{
	struct opdef_report rep;
	struct opdef *d;
	struct err e;

	d = opdef_load(path, &rep, &e);
	for (size_t i = 0; i < rep.nerrors; i++)
		fprintf(stderr, "%s\n", rep.errors[i]);
	if (d == NULL)
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
	opdef_report_free(&rep);
	return d;
}

static int
op_write(int argc, char **argv, int create)
{
	struct opdef_result r;
	struct op_args a;
	struct conf *c = NULL;
	struct act_dbs d = {NULL, NULL};
	struct opdef *od = NULL;
	char sha[65];
	struct err e;
	int rc = 1;

	if (op_args(argc, argv, 1, &a) == -1 || (a.check && !create)) {
		fprintf(stderr, "usage : isoloir-console operation %s\n",
		    create ? "create FICHIER [--check] [-c CONF]"
		           : "update FICHIER [-c CONF]");
		return 2;
	}
	if ((od = op_check(a.file)) == NULL)
		return 1;
	if (a.check) {
		printf("%s : description valide (%zu établissement%s, %zu "
		       "collège%s, %zu scrutin%s, "
		       "%zu bureau%s)\n",
		    a.file, od->netabs, od->netabs > 1 ? "s" : "",
		    od->ncolleges, od->ncolleges > 1 ? "s" : "", od->nscrutins,
		    od->nscrutins > 1 ? "s" : "", od->nbureaux,
		    od->nbureaux > 1 ? "x" : "");
		opdef_free(od);
		return 0;
	}
	if (import_file_sha256(a.file, sha, &e) == -1 ||
	    (c = act_conf_load(a.conf, &e)) == NULL ||
	    act_connect(c, &d, 0, &e) == -1 ||
	    (create ? opdef_create : opdef_update)(
	        d.el, od, sha, act_actor(), &r, &e) == -1) {
		fprintf(stderr,
		    "isoloir-console : %s ; rien n'est enregistré\n", e.msg);
		goto out;
	}
	printf("opération « %s » %s : %zu scrutins (%u nouveaux%s), %u "
	       "bureaux, %u membres "
	       "ajoutés, %u retirés ; SHA-256 du fichier %s\n",
	    od->code, create ? "créée" : "mise à jour", od->nscrutins,
	    r.scrutins_new, r.scrutins_kept > 0 ? ", d'autres conservés" : "",
	    r.bureaux, r.members_new, r.members_removed, sha);
	rc = 0;
out:
	act_close(&d);
	conf_free(c);
	opdef_free(od);
	return rc;
}

int
cmd_operation_create(int argc, char **argv)
{
	return op_write(argc, argv, 1);
}

int
cmd_operation_update(int argc, char **argv)
{
	return op_write(argc, argv, 0);
}

int
cmd_operation_show(int argc, char **argv)
{
	struct buf out = BUF_INIT;
	struct op_args a;
	struct conf *c = NULL;
	struct act_dbs d = {NULL, NULL};
	struct err e;
	int rc = 1;

	if (op_args(argc, argv, 0, &a) == -1 || a.check) {
		fprintf(stderr, "usage : isoloir-console operation show [CODE] "
		                "[-c CONF]\n");
		return 2;
	}
	if ((c = act_conf_load(a.conf, &e)) == NULL ||
	    act_connect(c, &d, 0, &e) == -1 ||
	    opdef_show(d.el, a.file, &out, &e) == -1) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	fwrite(out.data, 1, out.len, stdout);
	rc = 0;
out:
	buf_free(&out);
	act_close(&d);
	conf_free(c);
	return rc;
}
