/* act_count.c: the count's files on the console's side (R-BUR-8), shared
 * by the subcommands (`pv`) and the counting screen: the encrypted totals
 * written for the key holders, their partial decryptions read back from
 * the same directory and combined (lib/count.c checks every proof), the
 * PV document from the databases. The holders' files travel by hand (USB
 * key, the trustee's own computer): the directory is the meeting point. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <openssl/evp.h>

#include "act.h"
#include "count.h"
#include "election.h"
#include "group.h"
#include "proclaim.h"
#include "rules.h"
#include "threshold.h"

void
act_count_paths(const char *dir, unsigned scrutin, unsigned sub,
    char totals[ACT_PATH_MAX], char counts[ACT_PATH_MAX])
{
	char tail[32] = "";

	if (sub > 0)
		snprintf(tail, sizeof(tail), "-sous-urne-%u", sub);
	if (totals != NULL)
		snprintf(totals, ACT_PATH_MAX, "%s/totaux-scrutin-%u%s.json",
		    dir, scrutin, tail);
	if (counts != NULL)
		snprintf(counts, ACT_PATH_MAX, "%s/comptes-scrutin-%u%s.json",
		    dir, scrutin, tail);
}

/* The count's own files (any sub-urn's), not the holders'. */
static int
count_own_file(const char *name, unsigned scrutin)
{
	char t[64], c[64];
	int nt, nc;

	nt = snprintf(t, sizeof(t), "totaux-scrutin-%u", scrutin);
	nc = snprintf(c, sizeof(c), "comptes-scrutin-%u", scrutin);
	return strncmp(name, t, (size_t)nt) == 0 ||
	       strncmp(name, c, (size_t)nc) == 0;
}

/* doc as one line into path, through a temporary file renamed: a holder
 * never picks up half a file. */
static int
count_write(const char *path, const json_t *doc, char sha[65], struct err *e)
{
	char tmp[ACT_PATH_MAX + 8], *s = json_dumps(doc, JSON_COMPACT);
	unsigned char md[EVP_MAX_MD_SIZE];
	unsigned mdlen = 0;
	FILE *f = NULL;
	int rc = -1;

	if (s == NULL)
		return err_set(e, "mémoire insuffisante");
	snprintf(tmp, sizeof(tmp), "%s.tmp", path);
	if ((f = fopen(tmp, "w")) == NULL || fputs(s, f) == EOF ||
	    fputc('\n', f) == EOF || fflush(f) != 0 || fsync(fileno(f)) != 0) {
		err_set(e, "écriture de « %s » impossible : %s", path,
		    strerror(errno));
		goto out;
	}
	if (fclose(f) != 0 || rename(tmp, path) != 0) {
		f = NULL;
		err_set(e, "écriture de « %s » impossible : %s", path,
		    strerror(errno));
		goto out;
	}
	f = NULL;
	if (sha != NULL) {
		EVP_Digest(s, strlen(s), md, &mdlen, EVP_sha256(), NULL);
		group_hex(md, 32, sha);
	}
	rc = 0;
out:
	if (f != NULL)
		fclose(f);
	if (rc == -1)
		unlink(tmp);
	free(s);
	return rc;
}

int
act_count_totals(MYSQL *el, MYSQL *urn, unsigned scrutin, unsigned sub,
    const char *dir, json_t **totals, char sha[65], struct err *e)
{
	char path[ACT_PATH_MAX];
	json_t *t;

	*totals = NULL;
	if (count_may_total(el, scrutin, e) == -1)
		return -1;
	if (mkdir(dir, 0700) == -1 && errno != EEXIST)
		return err_set(e, "dossier « %s » impossible à créer : %s", dir,
		    strerror(errno));
	if ((t = count_totals(el, urn, scrutin, sub, e)) == NULL)
		return -1;
	act_count_paths(dir, scrutin, sub, path, NULL);
	if (count_write(path, t, sha, e) == -1 ||
	    count_journal_totals(el, t, act_actor(), e) == -1) {
		json_decref(t);
		return -1;
	}
	*totals = t;
	return 0;
}

/* A holder's partial decryption file of this scrutin, or NULL with why. */
static json_t *
count_partial_load(const char *path, unsigned scrutin, struct err *e)
{
	json_error_t je;
	json_t *p = json_load_file(path, 0, &je);

	if (p == NULL) {
		err_set(e, "illisible (%s)", je.text);
		return NULL;
	}
	if (!json_is_array(json_object_get(p, "partials")) ||
	    !json_is_integer(json_object_get(p, "holder"))) {
		json_decref(p);
		err_set(e,
		    "pas un déchiffrement partiel (isoloir-trustee decrypt)");
		return NULL;
	}
	if ((unsigned)json_integer_value(json_object_get(p, "scrutin")) !=
	    scrutin) {
		err_set(e, "déchiffrement du scrutin %lld, pas du scrutin %u",
		    (long long)json_integer_value(
		        json_object_get(p, "scrutin")),
		    scrutin);
		json_decref(p);
		return NULL;
	}
	return p;
}

static int
count_json_name(const struct dirent *d)
{
	size_t n = strlen(d->d_name);

	return d->d_name[0] != '.' && n > 5 &&
	       strcmp(d->d_name + n - 5, ".json") == 0;
}

json_t *
act_count_combine(MYSQL *el, unsigned scrutin, unsigned sub, const char *dir,
    const json_t *totals, json_t *set_aside, size_t *files, struct err *e)
{
	char cpath[ACT_PATH_MAX], path[2 * ACT_PATH_MAX];
	struct dirent **names = NULL;
	json_t *pub = NULL, *parts[THR_MAX], *counts = NULL;
	size_t m = 0;
	int n = 0;
	struct err why;

	*files = 0;
	act_count_paths(dir, scrutin, sub, NULL, cpath);
	if ((pub = election_public_json(el, scrutin, e)) == NULL)
		return NULL;
	if ((n = scandir(dir, &names, count_json_name, alphasort)) < 0) {
		n = 0;
		err_set(
		    e, "dossier « %s » illisible : %s", dir, strerror(errno));
		goto out;
	}
	for (int i = 0; i < n; i++) {
		json_t *p;
		if (count_own_file(names[i]->d_name, scrutin))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		if ((p = count_partial_load(path, scrutin, &why)) == NULL) {
			/* said once, with the whole urn's combination */
			if (sub == 0)
				json_array_append_new(set_aside,
				    json_pack("{s:s, s:s}", "file",
				        names[i]->d_name, "reason", why.msg));
		} else if ((unsigned)json_integer_value(
		               json_object_get(p, "sub_urn")) != sub ||
		           m == THR_MAX) {
			/* another sub-urn's: for its own combination */
			json_decref(p);
		} else {
			++*files;
			parts[m++] = p;
		}
	}
	if (m == 0) {
		if (sub > 0)
			err_set(e,
			    "aucun déchiffrement partiel de la sous-urne %u "
			    "dans « %s »",
			    sub, dir);
		else
			err_set(
			    e, "aucun déchiffrement partiel dans « %s »", dir);
		goto out;
	}
	if ((counts = count_combine_noted(
	         pub, totals, parts, m, set_aside, e)) != NULL &&
	    (count_write(cpath, counts, NULL, e) == -1 ||
	        count_journal_counts(el, counts, act_actor(), e) == -1)) {
		json_decref(counts);
		counts = NULL;
	}
out:
	for (int i = 0; i < n; i++)
		free(names[i]);
	free(names);
	for (size_t i = 0; i < m; i++)
		json_decref(parts[i]);
	json_decref(pub);
	return counts;
}

struct pv_doc *
act_pv_doc(MYSQL *el, MYSQL *urn, unsigned scrutin, const json_t *counts,
    const json_t *base, struct err *e)
{
	json_t *in = NULL, *res = NULL, *h = NULL;
	struct pv_doc *d = NULL;

	if ((in = proclaim_rules_input(el, scrutin, counts, e)) != NULL &&
	    (h = pv_header_from_db(el, urn, scrutin, base, e)) != NULL) {
		res = rules_run_json(in);
		d = pv_doc_new(res, h, e);
	}
	json_decref(h);
	json_decref(res);
	json_decref(in);
	return d;
}
