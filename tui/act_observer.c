/* act_observer.c: a new observer account (R-AUTH-7, lib/observer.c) with
 * its credentials written to a new 0600 file, never shown: shared by
 * `observer add` and the console's observers screen. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include <openssl/crypto.h>

#include "act.h"

int
act_observer_scrutins(const char *s, struct observer_new *o)
{
	char *end;

	o->nscrutins = 0;
	while (
	    s != NULL && *s != '\0' && o->nscrutins < OBSERVER_MAX_SCRUTINS) {
		unsigned long v = strtoul(s, &end, 10);
		if (end == s || v == 0 || v > 1000000 ||
		    (*end != ',' && *end != '\0'))
			return -1;
		o->scrutins[o->nscrutins++] = (unsigned)v;
		s = *end == ',' ? end + 1 : end;
	}
	return s != NULL && *s == '\0' && o->nscrutins > 0 ? 0 : -1;
}

static FILE *
observer_file(const char *path, struct err *e)
{
	int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
	FILE *f = fd == -1 ? NULL : fdopen(fd, "w");

	if (f == NULL) {
		if (fd != -1)
			close(fd);
		err_set(e,
		    "écriture impossible de « %s » (il ne doit pas exister)",
		    path);
	}
	return f;
}

int
act_observer_add(const struct conf *c, MYSQL *el, const struct observer_new *o,
    const char *scrutins, const char *out, unsigned *id,
    char ident[CRED_TEXT_MAX], struct err *e)
{
	char pw[CRED_TEXT_MAX] = "";
	unsigned char key[32];
	struct err ignored;
	FILE *f = NULL;
	int rc = -1;

	if (act_login_key(c, key, e) == -1 ||
	    (f = observer_file(out, e)) == NULL)
		goto out;
	if (observer_add(el, o, key, act_actor(), id, ident, pw, e) == -1) {
		fclose(f);
		unlink(out);
		goto out;
	}
	fprintf(f,
	    "observateur;qualite;nom;prenom;scrutins;identifiant;mot_de_passe\n"
	    "%u;%s;%s;%s;%s;%s;%s\n",
	    *id, o->kind, o->nom, o->prenom, scrutins, ident, pw);
	if (fclose(f) != 0) {
		/* the account exists without its password: revoke it, say so */
		err_set(e,
		    "écriture impossible de « %s » : compte n° %u créé puis "
		    "révoqué",
		    out, *id);
		observer_revoke(el, *id, act_actor(), &ignored);
		goto out;
	}
	rc = 0;
out:
	OPENSSL_cleanse(pw, sizeof(pw));
	OPENSSL_cleanse(key, sizeof(key));
	return rc;
}
