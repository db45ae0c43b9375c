/* cmd_testvote.c: `test electors`, the fictitious electors of a scrutin's
 * test vote (R-BUR-2, lib/testvote.c); their credentials go to a 0600 file
 * for the bureau and the cellule who run the test vote. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "act.h"
#include "cmd.h"
#include "testvote.h"

int
cmd_test_electors(int argc, char **argv)
{
	const char *conf = NULL, *path = NULL;
	unsigned scrutin = 0, n = 0;
	unsigned char key[32];
	struct act_dbs d = { NULL, NULL };
	struct conf *c = NULL;
	FILE *f = NULL;
	struct err e;
	int fd, rc = 1;

	for (int i = 0; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(argv[i], "--count") == 0 && v != NULL)
			n = (unsigned)strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "--out") == 0 && v != NULL)
			path = argv[++i];
		else if (strcmp(argv[i], "-c") == 0 && v != NULL)
			conf = argv[++i];
		else if (argv[i][0] != '-' && scrutin == 0)
			scrutin = (unsigned)strtoul(argv[i], NULL, 10);
		else
			scrutin = 0, argc = -1;
	}
	if (scrutin == 0 || n == 0 || path == NULL) {
		fprintf(stderr, "usage : isoloir-console test electors SCRUTIN --count N --out FICHIER "
		    "[-c CONF]   (vote à blanc)\n");
		return 2;
	}
	if ((c = act_conf_load(conf, &e)) == NULL || act_login_key(c, key, &e) == -1 ||
	    act_connect(c, &d, 0, &e) == -1)
		goto fail;
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) == -1 ||
	    (f = fdopen(fd, "w")) == NULL) {
		err_set(&e, "écriture impossible de « %s » (il ne doit pas exister)", path);
		goto fail;
	}
	fputs("matricule;identifiant;mot_de_passe;cle;consigne;choix;conserves\n", f);
	if (testvote_create(d.el, scrutin, n, key, act_actor(), f, &e) == -1)
		goto fail;
	if (fclose(f) != 0) {
		f = NULL;
		err_set(&e, "écriture impossible de « %s »", path);
		goto fail;
	}
	f = NULL;
	printf("%u électeur%s de test pour le vote à blanc du scrutin n° %u : %s\n", n,
	    n > 1 ? "s" : "", scrutin, path);
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "isoloir-console : %s\n", e.msg);
	if (f != NULL) {
		fclose(f);
		unlink(path);
	}
out:
	explicit_bzero(key, sizeof(key));
	act_close(&d);
	conf_free(c);
	return rc;
}
