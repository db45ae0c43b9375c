/* act.c: the console's actions around lib/, one implementation for the
 * subcommands and the screens (the rules themselves are in lib/). */
#include "config.h"

#include <fcntl.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "act.h"
#include "db.h"
#include "journal.h"
#include "xmalloc.h"

struct conf *
act_conf_load(const char *path, struct err *e)
{
	if (path == NULL)
		path = getenv("ISOLOIR_CONSOLE_CONF");
	return conf_load(path != NULL ? path : "/etc/isoloir/console.conf", e);
}

static int
act_open(const struct conf *c, const char *section, MYSQL **m, struct err *e)
{
	struct db_params p;

	if (*m != NULL)
		return 0;
	if (db_params_from_conf(c, section, &p, e) == -1 || (*m = db_connect(&p, e)) == NULL)
		return -1;
	return 0;
}

int
act_connect(const struct conf *c, struct act_dbs *d, int need_urn, struct err *e)
{
	if (act_open(c, "electors_db", &d->el, e) == 0 &&
	    (!need_urn || act_open(c, "urn_db", &d->urn, e) == 0))
		return 0;
	act_close(d);
	return -1;
}

void
act_close(struct act_dbs *d)
{
	db_close(d->el);
	db_close(d->urn);
	d->el = d->urn = NULL;
}

const char *
act_actor(void)
{
	static char actor[128];
	const char *u = getenv("USER");
	struct passwd *pw;

	if ((u == NULL || *u == '\0') && (pw = getpwuid(getuid())) != NULL)
		u = pw->pw_name;
	snprintf(actor, sizeof(actor), "console:%s", u != NULL && *u != '\0' ? u : "?");
	return actor;
}

/* Without binaries given: the ones listed in [seal] binaries. */
static char *
act_conf_bins(const struct conf *c, const char **bins, size_t *n)
{
	const char *v = conf_get(c, "seal", "binaries");
	char *copy, *save = NULL;

	if (*n > 0 || v == NULL)
		return NULL;
	copy = xstrdup(v);
	for (char *t = strtok_r(copy, " \t", &save); t != NULL && *n < SEAL_MAX_BINARIES;
	    t = strtok_r(NULL, " \t", &save))
		bins[(*n)++] = t;
	return copy;
}

static int
act_authorise(MYSQL *el, const struct lifecycle_req *r, const struct act_opts *o,
    struct bureau_auth *auth, struct err *e)
{
	unsigned bureau;

	if (lifecycle_authority(el, r->scrutin_id, r->to, &bureau, e) == -1)
		return -1;
	return bureau_authorise(el, bureau, o->codes, o->ncodes, r->actor,
	    lifecycle_state_name(r->to), r->scrutin_id, auth, e);
}

int
act_transition(const struct conf *c, struct act_dbs *d, unsigned id, enum lc_state to,
    const struct act_opts *o, struct err *e)
{
	struct lifecycle_req r = { .scrutin_id = id, .to = to, .actor = act_actor(),
		.automatic = o->automatic, .note = o->note, .advice = o->advice,
		.authorisation = o->authorisation };
	const char *bins[SEAL_MAX_BINARIES];
	size_t nbin = o->nbin;
	struct bureau_auth auth;
	char *conf_bins;
	int rc = -1;

	memcpy(bins, o->bins, sizeof(bins));
	conf_bins = act_conf_bins(c, bins, &nbin);
	r.bins = bins;
	r.nbin = nbin;
	if (o->codes != NULL) {
		if (act_authorise(d->el, &r, o, &auth, e) == -1)
			goto out;
		r.auth = &auth;
	}
	rc = lifecycle_apply(d->el, d->urn, &r, e);
out:
	free(conf_bins);
	return rc;
}

int
act_ceremony_step(const struct conf *c, struct act_dbs *d, const struct act_step *s,
    char *result, struct err *e)
{
	struct cer_step_req r = { .ceremony = s->ceremony, .key = s->key,
		.confirmed_by = s->confirmed_by, .note = s->note, .advice = s->advice,
		.authorisation = s->authorisation };
	const char *bins[SEAL_MAX_BINARIES];
	size_t nbin = 0;
	struct bureau_auth auth;
	unsigned bureau, scrutin;
	char *conf_bins = act_conf_bins(c, bins, &nbin);
	int rc = -1;

	r.bins = bins;
	r.nbin = nbin;
	if (s->codes != NULL) {
		if (ceremony_step_authority(d->el, s->ceremony, s->key, &bureau, &scrutin,
		    e) == -1)
			goto out;
		if (bureau == 0) {
			err_set(e, "cette étape ne demande pas les codes du bureau");
			goto out;
		}
		if (bureau_authorise(d->el, bureau, s->codes, s->ncodes, act_actor(), s->key,
		    scrutin, &auth, e) == -1)
			goto out;
		r.auth = &auth;
	}
	rc = ceremony_step(d->el, d->urn, &r, act_actor(), result, e);
out:
	free(conf_bins);
	return rc;
}

enum lc_state
act_seal_state(enum lc_state now)
{
	return now == LC_COUNTED ? LC_SEALED_AFTER_COUNT : LC_SEALED;
}

int
act_journal_verify(MYSQL *m, uint64_t *count, struct err *e)
{
	return journal_verify(m, 0, NULL, count, e);
}

/* ------------------------------------------------------------ import check */

int
act_import_colleges(struct act_import *a, const char *s, struct err *e)
{
	char *save = NULL, *t;
	size_t max = sizeof(a->colleges) / sizeof(a->colleges[0]);

	free(a->buf);
	a->buf = xstrdup(s);
	a->ncolleges = 0;
	for (t = strtok_r(a->buf, ",", &save); t != NULL; t = strtok_r(NULL, ",", &save)) {
		while (*t == ' ')
			t++;
		if (*t == '\0' || a->ncolleges == max)
			return err_set(e, "liste de collèges invalide");
		a->colleges[a->ncolleges++] = t;
	}
	return a->ncolleges > 0 ? 0 : err_set(e, "liste de collèges invalide");
}

int
act_import_date(struct act_import *a, const char *s, struct err *e)
{
	if (strlen(s) != 10 || s[4] != '-' || (a->date = import_date(s)) == 0)
		return err_set(e, "date du scrutin invalide (AAAA-MM-JJ attendu)");
	return 0;
}

int
act_import_check(const char *path, const struct act_import *a, struct import_report *rep,
    struct err *e)
{
	struct import_opts o = { .colleges = a->colleges, .ncolleges = a->ncolleges,
		.election_date = a->date };

	if (a->ncolleges == 0 || a->date == 0)
		return err_set(e, "les collèges et la date du scrutin sont obligatoires");
	return import_electors(path, &o, NULL, NULL, rep, e);
}

void
act_import_free(struct act_import *a)
{
	free(a->buf);
	memset(a, 0, sizeof(*a));
}

/* ------------------------------------------------------------ hotline */

int
act_login_key(const struct conf *c, unsigned char key[32], struct err *e)
{
	return conf_get_hex(c, "credentials", "login_key", key, 32, e);
}

int
act_spool_password(const char *dir, unsigned id, const struct reissue_result *r,
    struct err *e)
{
	char path[4096];
	int fd, ok;

	snprintf(path, sizeof(path), "%s/electeur-%u-%lld.txt", dir, id, (long long)time(NULL));
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL, 0600)) == -1)
		return err_set(e, "dépôt du mot de passe impossible dans %s", dir);
	ok = dprintf(fd, "electeur=%u\nmot_de_passe=%s\n", id, r->password) > 0;
	if (close(fd) != 0 || !ok)
		return err_set(e, "dépôt du mot de passe impossible dans %s", dir);
	return 0;
}

/* Codes file: one "MEMBRE CODE" per line, '#' comments; "-" is stdin. */
int
act_read_codes(const char *path, char *text, size_t cap, struct bureau_code *codes,
    size_t *n, struct err *e)
{
	FILE *f = strcmp(path, "-") == 0 ? stdin : fopen(path, "r");
	size_t len;
	char *line, *save = NULL;

	if (f == NULL)
		return err_set(e, "fichier de codes %s illisible", path);
	len = fread(text, 1, cap - 1, f);
	text[len] = '\0';
	if (f != stdin)
		fclose(f);
	*n = 0;
	for (line = strtok_r(text, "\n", &save); line != NULL; line = strtok_r(NULL, "\n", &save)) {
		char *sp = strchr(line, ' ');
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (sp == NULL || *n == BUREAU_MAX_CODES)
			return err_set(e, "fichier de codes : « MEMBRE CODE » attendu par ligne");
		*sp = '\0';
		line[strcspn(line, "\r")] = '\0';
		sp[1 + strcspn(sp + 1, "\r")] = '\0';
		codes[*n].member_id = (unsigned)strtoul(line, NULL, 10);
		codes[(*n)++].code = sp + 1;
	}
	return 0;
}
