/* cmd_credentials.c: `credentials generate`: identifiers and passwords for
 * every elector who has none (lib/credgen.c), the letters' mail merge, the
 * password channel file and the control list in a new directory. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>


#include "act.h"
#include "cmd.h"
#include "conf.h"
#include "credgen.h"
#include "db.h"

static int
credentials_usage(const char *why)
{
	fprintf(stderr, "isoloir-console : %s\nusage : isoloir-console credentials generate --out "
	    "DOSSIER [--operation CODE] [--site URL] [--threads N] [-c CONF]\n", why);
	return 2;
}

int
cmd_credentials_generate(int argc, char **argv)
{
	const char *conf = NULL, *site = NULL;
	unsigned char key[32];
	struct credgen_opts o = { .actor = act_actor(), .login_key = key,
		.keylen = sizeof(key), .cost = &cred_cost_default };
	struct credgen_result r;
	struct act_dbs d = { NULL, NULL };
	struct conf *c = NULL;
	struct err e;
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	int rc = 1;

	o.threads = cpus > 0 ? (unsigned)cpus : 1;
	for (int i = 0; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (v == NULL)
			return credentials_usage("option incomplète");
		if (strcmp(argv[i], "--out") == 0)
			o.outdir = argv[++i];
		else if (strcmp(argv[i], "--operation") == 0)
			o.operation = argv[++i];
		else if (strcmp(argv[i], "--site") == 0)
			site = argv[++i];
		else if (strcmp(argv[i], "--threads") == 0)
			o.threads = (unsigned)strtoul(argv[++i], NULL, 10);
		else if (strcmp(argv[i], "-c") == 0)
			conf = argv[++i];
		else
			return credentials_usage("option inconnue");
	}
	if (o.outdir == NULL)
		return credentials_usage("--out DOSSIER est obligatoire");
	if ((c = act_conf_load(conf, &e)) == NULL || act_login_key(c, key, &e) == -1)
		goto fail;
	o.site_url = site != NULL ? site : conf_get_def(c, "site", "url", "");
	if (*o.site_url == '\0') {
		rc = credentials_usage("adresse du site inconnue : --site URL ou [site] url");
		goto out;
	}
	if (act_connect(c, &d, 0, &e) == -1)
		goto fail;
	rc = credgen_run(d.el, &o, &r, &e);
	if (r.recovered > 0)
		printf("génération interrompue après enregistrement : %u dossier%s renommé%s\n",
		    r.recovered, r.recovered > 1 ? "s" : "", r.recovered > 1 ? "s" : "");
	if (r.discarded > 0)
		printf("génération interrompue avant enregistrement : %u dossier%s temporaire%s "
		    "supprimé%s\n", r.discarded, r.discarded > 1 ? "s" : "", r.discarded > 1 ? "s" : "",
		    r.discarded > 1 ? "s" : "");
	if (rc == -1) {
		rc = 1;
		goto fail;
	}
	printf("%lu identifiants générés (mot de passe par email : %lu, par SMS : %lu, par "
	    "courrier : %lu)\ndossier : %s\n  courrier-identifiants.csv  SHA-256 %s\n"
	    "  canal-mots-de-passe.csv    SHA-256 %s\n  liste-controle.csv         SHA-256 %s\n",
	    r.generated, r.by_email, r.by_sms, r.by_post, r.dir, r.sha_letters, r.sha_channel,
	    r.sha_control);
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "isoloir-console : %s\n", e.msg);
out:
	explicit_bzero(key, sizeof(key));
	act_close(&d);
	conf_free(c);
	return rc;
}

int
cmd_credentials_letters(int argc, char **argv)
{
	const char *conf = NULL, *dir = NULL, *opcode = NULL;
	const char *hotline = NULL;
	struct act_letters l;
	struct act_dbs d = { NULL, NULL };
	struct conf *c = NULL;
	struct err e;
	int rc = 1;

	for (int i = 0; i < argc; i++) {
		const char *v = i + 1 < argc ? argv[i + 1] : NULL;
		if (strcmp(argv[i], "--hotline") == 0 && v != NULL)
			hotline = argv[++i];
		else if (strcmp(argv[i], "--operation") == 0 && v != NULL)
			opcode = argv[++i];
		else if (strcmp(argv[i], "-c") == 0 && v != NULL)
			conf = argv[++i];
		else if (argv[i][0] != '-' && dir == NULL)
			dir = argv[i];
		else
			dir = NULL, argc = -1;
	}
	if (dir == NULL || argc < 0) {
		fprintf(stderr, "usage : isoloir-console credentials letters DOSSIER [--hotline TEXTE] "
		    "[--operation CODE] [-c CONF]\n");
		return 2;
	}
	if ((c = act_conf_load(conf, &e)) == NULL ||
	    act_letters(c, &d, dir, hotline, opcode, &l, &e) == -1)
		goto fail;
	printf("%lu courrier%s d'identifiant : %s  SHA-256 %s\n", l.nid, l.nid > 1 ? "s" : "", l.pid,
	    l.sid);
	if (l.npw == 0)
		printf("aucun mot de passe à envoyer par courrier\n");
	else
		printf("%lu courrier%s de mot de passe (à poster un autre jour) : %s  SHA-256 %s\n",
		    l.npw, l.npw > 1 ? "s" : "", l.ppw, l.spw);
	rc = 0;
	goto out;
fail:
	fprintf(stderr, "isoloir-console : %s\n", e.msg);
out:
	act_close(&d);
	conf_free(c);
	return rc;
}
