/* cmd_hotline.c: the hotline's commands, with the restricted hotline
 * account (hotline.conf):
 *   hotline search --nom NOM -c CONF
 *   hotline reissue --electeur ID --nom NOM --naissance DATE --code-postal CP
 *                   --cle-nir NN --operateur NOM --spool DOSSIER -c CONF
 * The new password is never shown: it is written for the delivery channel
 * (SMS / e-mail gateway) in DOSSIER, readable by its owner only. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "cmd.h"
#include "conf.h"
#include "db.h"
#include "import_electors.h"
#include "reissue.h"

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
	    (key != NULL && conf_get_hex(*c, "credentials", "login_key", key, 32, e) == -1))
		return NULL;
	return db_connect(&p, e);
}

int
cmd_hotline_search(int argc, char **argv)
{
	char nom[256], prenom[256], etab[256];
	unsigned long l[3] = { 0 };
	unsigned id = 0;
	struct conf *c = NULL;
	MYSQL_BIND out[4];
	MYSQL_STMT *st = NULL;
	struct hargs a;
	struct err e;
	MYSQL *db;
	int n = 0;

	if (hotline_args(argc, argv, &a) == -1 || a.nom == NULL) {
		fprintf(stderr, "usage : isoloir-console hotline search --nom NOM -c CONF\n");
		return 2;
	}
	if ((db = hotline_db(a.conf, &c, NULL, &e)) == NULL ||
	    (st = db_query(db, &e, "SELECT e.id, e.nom, e.prenom, es.name FROM elector e"
	    " JOIN establishment es ON es.id = e.establishment_id WHERE e.nom = ? OR e.nom_usage = ?"
	    " ORDER BY e.nom, e.prenom LIMIT 50", "ss", a.nom, a.nom)) == NULL) {
		fprintf(stderr, "isoloir-console : %s\n", e.msg);
		db_close(db);
		conf_free(c);
		return 1;
	}
	db_bind(&out[0], MYSQL_TYPE_LONG, &id, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_STRING, nom, sizeof(nom) - 1, &l[0]);
	db_bind(&out[2], MYSQL_TYPE_STRING, prenom, sizeof(prenom) - 1, &l[1]);
	db_bind(&out[3], MYSQL_TYPE_STRING, etab, sizeof(etab) - 1, &l[2]);
	mysql_stmt_bind_result(st, out);
	while (mysql_stmt_fetch(st) == 0) {
		db_cstr(nom, sizeof(nom), l[0]);
		db_cstr(prenom, sizeof(prenom), l[1]);
		db_cstr(etab, sizeof(etab), l[2]);
		printf("%6u  %s %s — %s\n", id, prenom, nom, etab);
		n++;
	}
	if (n == 0)
		printf("Aucun électeur à ce nom.\n");
	mysql_stmt_close(st);
	db_close(db);
	conf_free(c);
	return 0;
}

/* The password for the delivery channel, 0600, never on the screen. */
static int
hotline_spool(const char *dir, unsigned id, const struct reissue_result *r)
{
	char path[4096];
	int fd, ok;

	snprintf(path, sizeof(path), "%s/electeur-%u-%lld.txt", dir, id, (long long)time(NULL));
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)) == -1)
		return -1;
	ok = dprintf(fd, "electeur=%u\nmot_de_passe=%s\n", id, r->password) > 0;
	return close(fd) == 0 && ok ? 0 : -1;
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
		if (hotline_spool(a.spool, a.id, &res) == -1) {
			fprintf(stderr, "isoloir-console : dépôt du mot de passe impossible dans %s\n", a.spool);
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
