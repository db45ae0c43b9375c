/* cmd_hotline.c: the hotline's commands, with the restricted hotline
 * account (hotline.conf):
 *   hotline search --nom NOM -c CONF
 *   hotline reissue --electeur ID --nom NOM --naissance DATE --code-postal CP
 *                   --cle-nir NN --operateur NOM --spool DOSSIER -c CONF
 * The new password is never shown: it is written for the delivery channel
 * (SMS / e-mail gateway) in DOSSIER, readable by its owner only. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/crypto.h>

#include "act.h"
#include "cmd.h"
#include "db.h"

struct hargs {
	const char *conf, *nom, *naissance, *cp, *nir, *op, *spool;
	unsigned id;
};

static int
hotline_args(int argc, char **argv, struct hargs *a)
{
	memset(a, 0, sizeof(*a));
	for (int i = 0; i + 1 < argc; i += 2) {
		const char *o = argv[i], *v = argv[i + 1];
		if (strcmp(o, "-c") == 0) a->conf = v;
		else if (strcmp(o, "--nom") == 0) a->nom = v;
		else if (strcmp(o, "--naissance") == 0) a->naissance = v;
		else if (strcmp(o, "--code-postal") == 0) a->cp = v;
		else if (strcmp(o, "--cle-nir") == 0) a->nir = v;
		else if (strcmp(o, "--operateur") == 0) a->op = v;
		else if (strcmp(o, "--spool") == 0) a->spool = v;
		else if (strcmp(o, "--electeur") == 0) a->id = (unsigned)strtoul(v, NULL, 10);
		else return -1;
	}
	return argc % 2 == 0 && a->conf != NULL ? 0 : -1;
}

static MYSQL *
hotline_db(const char *path, struct conf **c, unsigned char key[32], struct err *e)
{
	struct db_params p;

	if ((*c = conf_load(path, e)) == NULL || db_params_from_conf(*c, "electors_db", &p, e) == -1 ||
	    (key != NULL && act_login_key(*c, key, e) == -1))
		return NULL;
	return db_connect(&p, e);
}

int
cmd_hotline_search(int argc, char **argv)
{
	struct conf *c = NULL;
	struct hargs a;
	struct err e;
	json_t *list = NULL, *x;
	MYSQL *db;
	size_t i;

	if (hotline_args(argc, argv, &a) == -1 || a.nom == NULL) {
		fprintf(stderr, "usage : isoloir-console hotline search --nom NOM -c CONF\n");
		return 2;
	}
	if ((db = hotline_db(a.conf, &c, NULL, &e)) == NULL ||
	    (list = reissue_search(db, a.nom, &e)) == NULL) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		db_close(db);
		conf_free(c);
		return 1;
	}
	json_array_foreach(list, i, x)
		printf("%6d  %s %s — %s\n", (int)json_integer_value(json_object_get(x, "id")),
		    json_string_value(json_object_get(x, "prenom")),
		    json_string_value(json_object_get(x, "nom")),
		    json_string_value(json_object_get(x, "etablissement")));
	if (json_array_size(list) == 0)
		printf("Aucun électeur à ce nom.\n");
	json_decref(list);
	db_close(db);
	conf_free(c);
	return 0;
}

int
cmd_hotline_reissue(int argc, char **argv)
{
	unsigned char key[32];
	struct reissue_identity ident;
	struct reissue_result res;
	struct conf *c = NULL;
	struct hargs a;
	struct err e;
	MYSQL *db = NULL;
	int rc = 1;

	if (hotline_args(argc, argv, &a) == -1 || a.id == 0 || !a.nom || !a.naissance || !a.cp ||
	    !a.nir || !a.op || !a.spool) {
		fprintf(stderr, "usage : isoloir-console hotline reissue --electeur ID --nom NOM "
		    "--naissance DATE --code-postal CP --cle-nir NN --operateur NOM --spool DOSSIER -c CONF\n");
		return 2;
	}
	ident = (struct reissue_identity){ a.nom, import_date(a.naissance), a.cp, a.nir };
	if ((db = hotline_db(a.conf, &c, key, &e)) == NULL ||
	    reissue(db, key, a.op, a.id, &ident, &res, &e) == -1) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		goto out;
	}
	printf("%s\n", res.message);
	if (res.outcome == REISSUE_DONE) {
		if (act_spool_password(a.spool, a.id, &res, &e) == -1) {
			fprintf(stderr, "isoloir-console : %s\n", e.msg);
			goto out;
		}
		printf("Nouvel identifiant (peut être lu à l'électeur) : %s\n", res.identifier);
		rc = 0;
	}
out:
	OPENSSL_cleanse(&res, sizeof(res));
	OPENSSL_cleanse(key, sizeof(key));
	db_close(db);
	conf_free(c);
	return rc;
}
