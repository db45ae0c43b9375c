/* credgen.c: generation of the electors' credentials (credgen.h). Electors
 * are taken by batches of CREDGEN_BATCH ids; each batch is hashed on
 * several threads (Argon2id dominates: ~18 ms a password on one core),
 * written to the three files and inserted with one multi-row INSERT. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <openssl/crypto.h>

#include "buf.h"
#include "cast.h"
#include "credgen.h"
#include "csv.h"
#include "db.h"
#include "import_db.h"
#include "journal.h"
#include "operation.h"
#include "xmalloc.h"

#define CREDGEN_BATCH 256
#define CREDGEN_MAX_THREADS 64

enum channel { CH_EMAIL, CH_SMS, CH_POST };

struct person {
	unsigned id;
	char matricule[65], civilite[17], nom[256], nom_usage[256], prenom[256];
	char adresse[513], code_postal[17], ville[256], email[256], telephone[33];
	char etab[256], college[256];
	char ident[CRED_TEXT_MAX], pw[CRED_TEXT_MAX], hash[CRED_HASH_MAX];
	unsigned char digest[CRED_DIGEST_LEN];
	int failed;
};

struct batch {
	struct person p[CREDGEN_BATCH];
	size_t n;
	const struct credgen_opts *o;
	pthread_mutex_t lock;
	size_t next;                 /* next person to hash */
	struct err err;              /* the first failure */
};

struct out {
	FILE *letters, *channel, *control;
	char tmp[PATH_MAX];
	int lockfd;              /* flock on tmp/.verrou while this run lives */
};

#define CREDGEN_LOCK ".verrou"

/* ------------------------------------------------------------- reading */

static int
read_batch(MYSQL *el, unsigned op, unsigned after, struct batch *b, struct err *e)
{
	struct person p;
	unsigned long len[13];
	MYSQL_BIND out[13];
	MYSQL_STMT *st;
	char *col[12] = { p.matricule, p.civilite, p.nom, p.nom_usage, p.prenom, p.adresse,
		p.code_postal, p.ville, p.email, p.telephone, p.etab, p.college };
	size_t cap[12] = { sizeof(p.matricule), sizeof(p.civilite), sizeof(p.nom),
		sizeof(p.nom_usage), sizeof(p.prenom), sizeof(p.adresse), sizeof(p.code_postal),
		sizeof(p.ville), sizeof(p.email), sizeof(p.telephone), sizeof(p.etab),
		sizeof(p.college) };
	int f, rc = -1;

	b->n = 0;
	st = db_query(el, e, "SELECT e.id, e.matricule, e.civilite, e.nom, e.nom_usage, e.prenom,"
	    " e.adresse, e.code_postal, e.ville, e.email, e.telephone, s.name, c.name FROM elector e"
	    " JOIN establishment s ON s.id = e.establishment_id JOIN college c ON c.id = e.college_id"
	    " LEFT JOIN credential k ON k.elector_id = e.id WHERE e.operation_id = ? AND"
	    " NOT e.test_elector AND k.elector_id IS NULL AND e.id > ? ORDER BY e.id LIMIT 256",
	    "uu", op, after);
	if (st == NULL)
		return -1;
	memset(&p, 0, sizeof(p));
	db_bind(&out[0], MYSQL_TYPE_LONG, &p.id, 0, NULL);
	for (int i = 0; i < 12; i++)
		db_bind(&out[i + 1], MYSQL_TYPE_STRING, col[i], cap[i] - 1, &len[i]);
	if (mysql_stmt_bind_result(st, out) != 0) {
		err_set(e, "base des électeurs : %s", mysql_stmt_error(st));
		goto out;
	}
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		for (int i = 0; i < 12; i++)
			db_cstr(col[i], cap[i], len[i]);
		b->p[b->n++] = p;
	}
	rc = f == 1 ? err_set(e, "base des électeurs : lecture impossible") : 0;
out:
	db_done(st);
	return rc;
}

/* ------------------------------------------------------------- hashing */

static void *
hash_worker(void *arg)
{
	struct batch *b = arg;
	char npw[CRED_TEXT_MAX], nid[CRED_TEXT_MAX];
	struct err e;

	for (;;) {
		struct person *p;
		pthread_mutex_lock(&b->lock);
		p = b->next < b->n ? &b->p[b->next++] : NULL;
		pthread_mutex_unlock(&b->lock);
		if (p == NULL)
			break;
		int bad = cred_generate(p->ident, CRED_ID_SYMBOLS, &e) == -1 ||
		    cred_generate(p->pw, CRED_PW_SYMBOLS, &e) == -1 ||
		    cred_normalize(p->ident, CRED_ID_SYMBOLS, nid, &e) == -1 ||
		    cred_normalize(p->pw, CRED_PW_SYMBOLS, npw, &e) == -1 ||
		    cred_login_digest(b->o->login_key, b->o->keylen, nid, p->digest, &e) == -1 ||
		    cred_hash_password(npw, b->o->cost, p->hash, &e) == -1;

		OPENSSL_cleanse(npw, sizeof(npw));
		OPENSSL_cleanse(nid, sizeof(nid));
		if (bad) {
			pthread_mutex_lock(&b->lock);
			if (b->err.msg[0] == '\0')
				b->err = e;
			pthread_mutex_unlock(&b->lock);
			p->failed = 1;
		}
	}
	return NULL;
}

static int
hash_batch(struct batch *b, struct err *e)
{
	pthread_t t[CREDGEN_MAX_THREADS];
	unsigned n = b->o->threads, started = 0;

	if (n < 1)
		n = 1;
	if (n > CREDGEN_MAX_THREADS)
		n = CREDGEN_MAX_THREADS;
	b->next = 0;
	err_clear(&b->err);
	for (unsigned i = 0; i < n; i++)
		if (pthread_create(&t[i], NULL, hash_worker, b) == 0)
			started++;
	if (started == 0)
		hash_worker(b);
	for (unsigned i = 0; i < started; i++)
		pthread_join(t[i], NULL);
	for (size_t i = 0; i < b->n; i++)
		if (b->p[i].failed) {
			*e = b->err;
			return -1;
		}
	return 0;
}

/* ------------------------------------------------------------- files */


static enum channel
channel_of(const struct person *p)
{
	if (p->email[0] != '\0')
		return CH_EMAIL;
	if (p->telephone[0] != '\0')
		return CH_SMS;
	return CH_POST;
}

static const char *const channel_names[] = { "email", "sms", "courrier" };

static FILE *
out_open(struct out *o, const char *name, const char *header, struct err *e)
{
	char path[PATH_MAX + 64];
	FILE *f;
	int fd;

	snprintf(path, sizeof(path), "%s/%s", o->tmp, name);
	if ((fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600)) == -1 ||
	    (f = fdopen(fd, "w")) == NULL) {
		if (fd != -1)
			close(fd);
		err_set(e, "écriture impossible de « %s » (%s)", path, strerror(errno));
		return NULL;
	}
	/* a BOM: spreadsheets then read the accents right */
	fputs("\xEF\xBB\xBF", f);
	fputs(header, f);
	return f;
}

static void
write_batch(struct out *o, const struct batch *b, const char *url, struct credgen_result *r)
{
	for (size_t i = 0; i < b->n; i++) {
		const struct person *p = &b->p[i];
		const char *nom = p->nom_usage[0] != '\0' ? p->nom_usage : p->nom;
		enum channel ch = channel_of(p);
		const char *dest = ch == CH_EMAIL ? p->email : ch == CH_SMS ? p->telephone : p->adresse;

		csv_write_field(o->letters, p->matricule, 0);
		csv_write_field(o->letters, p->civilite, 0);
		csv_write_field(o->letters, p->prenom, 0);
		csv_write_field(o->letters, nom, 0);
		csv_write_field(o->letters, p->adresse, 0);
		csv_write_field(o->letters, p->code_postal, 0);
		csv_write_field(o->letters, p->ville, 0);
		csv_write_field(o->letters, p->ident, 0);
		csv_write_field(o->letters, url, 1);

		csv_write_field(o->channel, p->matricule, 0);
		csv_write_field(o->channel, channel_names[ch], 0);
		csv_write_field(o->channel, dest, 0);
		if (ch == CH_POST) {
			csv_write_field(o->channel, p->code_postal, 0);
			csv_write_field(o->channel, p->ville, 0);
		} else {
			csv_write_field(o->channel, "", 0);
			csv_write_field(o->channel, "", 0);
		}
		csv_write_field(o->channel, p->prenom, 0);
		csv_write_field(o->channel, nom, 0);
		csv_write_field(o->channel, p->pw, 1);

		csv_write_field(o->control, p->etab, 0);
		csv_write_field(o->control, p->college, 0);
		csv_write_field(o->control, p->matricule, 0);
		csv_write_field(o->control, nom, 0);
		csv_write_field(o->control, p->prenom, 0);
		csv_write_field(o->control, "courrier", 0);
		csv_write_field(o->control, channel_names[ch], 1);
		r->by_email += ch == CH_EMAIL;
		r->by_sms += ch == CH_SMS;
		r->by_post += ch == CH_POST;
	}
}

static int
out_close(FILE **f, const char *name, char sha[65], const char *dir, struct err *e)
{
	char path[PATH_MAX + 64];
	int bad;

	if (*f == NULL)
		return 0;
	bad = fflush(*f) != 0 || ferror(*f) || fsync(fileno(*f)) != 0;
	bad |= fclose(*f) != 0;
	*f = NULL;
	if (bad)
		return err_set(e, "écriture impossible de « %s » (disque plein ?)", name);
	snprintf(path, sizeof(path), "%s/%s", dir, name);
	return import_file_sha256(path, sha, e);
}

/* Remove the temporary directory of a failed run (its files hold secrets). */
static void
out_discard(struct out *o)
{
	const char *names[] = { "courrier-identifiants.csv", "canal-mots-de-passe.csv",
		"liste-controle.csv" };
	char path[PATH_MAX + 64];

	if (o->letters != NULL)
		fclose(o->letters);
	if (o->channel != NULL)
		fclose(o->channel);
	if (o->control != NULL)
		fclose(o->control);
	o->letters = o->channel = o->control = NULL;
	if (o->tmp[0] != '\0') {
		for (size_t i = 0; i < 3; i++) {
			snprintf(path, sizeof(path), "%s/%s", o->tmp, names[i]);
			unlink(path);
		}
		snprintf(path, sizeof(path), "%s/%s", o->tmp, CREDGEN_LOCK);
		unlink(path);
		rmdir(o->tmp);
	}
	if (o->lockfd >= 0)
		close(o->lockfd);
	o->lockfd = -1;
}

/* ------------------------------------------------------------- rows */

static int
insert_batch(MYSQL *el, const struct batch *b, struct err *e)
{
	struct buf sql = BUF_INIT;
	int rc = 0;

	buf_puts(&sql, "INSERT INTO credential (elector_id, login_digest, password_hash) VALUES ");
	for (size_t i = 0; i < b->n; i++) {
		buf_printf(&sql, "%s(%u, X'", i ? "," : "", b->p[i].id);
		for (size_t k = 0; k < CRED_DIGEST_LEN; k++)
			buf_printf(&sql, "%02x", b->p[i].digest[k]);
		/* the encoded hash is base64 and '$': nothing to escape */
		buf_printf(&sql, "', '%s')", b->p[i].hash);
	}
	if (mysql_real_query(el, sql.data, (unsigned long)sql.len) != 0) {
		/* two identical identifiers (2^-59 per pair): run again */
		rc = err_set(e, "enregistrement des identifiants refusé (%s) : relancez la génération",
		    mysql_error(el));
	}
	buf_free(&sql);
	return rc;
}

static int
journal_gen(MYSQL *el, const struct credgen_opts *o, const struct credgen_result *r,
    const char *tmp, struct err *e)
{
	const char *base = strrchr(tmp, '/') != NULL ? strrchr(tmp, '/') + 1 : tmp;

	return journal_append_json_tx(el, o->actor, "identifiants_generes", 0,
	    json_pack("{s:s, s:I, s:I, s:I, s:I, s:s, s:s, s:s, s:s}",
	    "temporaire", base,
	    "identifiants", (json_int_t)r->generated, "email", (json_int_t)r->by_email,
	    "sms", (json_int_t)r->by_sms, "courrier", (json_int_t)r->by_post,
	    "dossier", r->dir, "sha256_courrier", r->sha_letters,
	    "sha256_canal", r->sha_channel, "sha256_controle", r->sha_control), e);
}

/* The final directory the journal gives to a temporary one, if its run
 * committed: 1 found, 0 not committed, -1 error. */
static int
journal_final_dir(MYSQL *el, const char *base, char dir[PATH_MAX], struct err *e)
{
	char pattern[320], detail[4096];
	unsigned long len = 0;
	MYSQL_BIND out[1];
	MYSQL_STMT *st;
	json_t *j;
	int f, found = 0;

	snprintf(pattern, sizeof(pattern), "%%\"temporaire\":\"%s\"%%", base);
	st = db_query(el, e, "SELECT detail FROM journal WHERE action = 'identifiants_generes'"
	    " AND detail LIKE ? ORDER BY seq DESC LIMIT 1", "s", pattern);
	if (st == NULL)
		return -1;
	db_bind(&out[0], MYSQL_TYPE_STRING, detail, sizeof(detail) - 1, &len);
	f = mysql_stmt_bind_result(st, out) == 0 ? mysql_stmt_fetch(st) : 1;
	db_done(st);
	if (f == 1)
		return err_set(e, "base des électeurs : lecture du journal impossible");
	if (f == MYSQL_NO_DATA)
		return 0;
	db_cstr(detail, sizeof(detail), len);
	if ((j = json_loads(detail, 0, NULL)) != NULL &&
	    json_is_string(json_object_get(j, "dossier"))) {
		snprintf(dir, PATH_MAX, "%s", json_string_value(json_object_get(j, "dossier")));
		found = 1;
	}
	json_decref(j);
	return found ? 1 : err_set(e, "entrée du journal illisible pour « %s »", base);
}

/* Temporary directories left by a crash: a run that committed gets its
 * final name (the letters are valid); the others hold passwords that were
 * never recorded and are removed. */
static int
recover(MYSQL *el, const char *outdir, unsigned *renamed, unsigned *removed, struct err *e)
{
	DIR *d = opendir(outdir);
	struct dirent *de;
	int rc = 0;

	if (d == NULL)
		return err_set(e, "dossier de sortie illisible « %s » (%s)", outdir, strerror(errno));
	while (rc == 0 && (de = readdir(d)) != NULL) {
		char dir[PATH_MAX], lock[PATH_MAX + 64];
		struct out o = { NULL, NULL, NULL, "", -1 };
		int f;

		if (strncmp(de->d_name, ".identifiants-en-cours-", 23) != 0)
			continue;
		/* a run still alive holds its lock: its directory is not ours */
		snprintf(lock, sizeof(lock), "%s/%s/%s", outdir, de->d_name, CREDGEN_LOCK);
		if ((o.lockfd = open(lock, O_RDWR | O_CLOEXEC)) >= 0 &&
		    flock(o.lockfd, LOCK_EX | LOCK_NB) == -1) {
			close(o.lockfd);
			continue;
		}
		if ((f = journal_final_dir(el, de->d_name, dir, e)) == -1) {
			rc = -1;
			break;
		}
		snprintf(o.tmp, sizeof(o.tmp), "%s/%s", outdir, de->d_name);
		if (f == 1 && rename(o.tmp, dir) == -1)
			rc = err_set(e, "renommage impossible de « %s » en « %s » (%s)", o.tmp, dir,
			    strerror(errno));
		else if (f == 1) {
			snprintf(lock, sizeof(lock), "%s/%s", dir, CREDGEN_LOCK);
			unlink(lock);
			(*renamed)++;
		} else {
			out_discard(&o);
			(*removed)++;
		}
		if (o.lockfd >= 0)
			close(o.lockfd);
	}
	closedir(d);
	return rc;
}

/* outdir/identifiants-AAAAMMJJ-HHMMSS[-N], not existing yet. */
static int
final_name(const char *outdir, char dir[PATH_MAX], struct err *e)
{
	char stamp[32];
	time_t now = time(NULL);
	struct tm tm;
	struct stat sb;

	gmtime_r(&now, &tm);
	strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", &tm);
	for (int i = 0; i < 100; i++) {
		if (i == 0)
			snprintf(dir, PATH_MAX, "%s/identifiants-%s", outdir, stamp);
		else
			snprintf(dir, PATH_MAX, "%s/identifiants-%s-%d", outdir, stamp, i);
		if (stat(dir, &sb) == -1 && errno == ENOENT)
			return 0;
	}
	return err_set(e, "aucun nom libre dans « %s »", outdir);
}

int
credgen_run(MYSQL *el, const struct credgen_opts *o, struct credgen_result *r,
    struct err *e)
{
	struct batch *b = xcalloc(1, sizeof(*b));
	struct out out = { NULL, NULL, NULL, "", -1 };
	char lock[PATH_MAX + 64];
	struct operation op;
	unsigned after = 0;
	int tx = 0, rc = -1;

	memset(r, 0, sizeof(*r));
	pthread_mutex_init(&b->lock, NULL);
	b->o = o;
	if (operation_load(el, o->operation, &op, e) == -1 ||
	    recover(el, o->outdir, &r->recovered, &r->discarded, e) == -1 ||
	    final_name(o->outdir, r->dir, e) == -1)
		goto out;
	snprintf(out.tmp, sizeof(out.tmp), "%s/.identifiants-en-cours-XXXXXX", o->outdir);
	if (mkdtemp(out.tmp) == NULL) {
		err_set(e, "dossier de sortie inutilisable « %s » (%s)", o->outdir, strerror(errno));
		out.tmp[0] = '\0';
		goto out;
	}
	snprintf(lock, sizeof(lock), "%s/%s", out.tmp, CREDGEN_LOCK);
	if ((out.lockfd = open(lock, O_RDWR | O_CREAT | O_CLOEXEC, 0600)) == -1 ||
	    flock(out.lockfd, LOCK_EX) == -1) {
		err_set(e, "verrou impossible dans « %s » (%s)", out.tmp, strerror(errno));
		goto out;
	}
	if ((out.letters = out_open(&out, "courrier-identifiants.csv", "matricule;civilite;prenom;"
	    "nom;adresse;code_postal;ville;identifiant;site\n", e)) == NULL ||
	    (out.channel = out_open(&out, "canal-mots-de-passe.csv", "matricule;canal;destination;"
	    "code_postal;ville;prenom;nom;mot_de_passe\n", e)) == NULL ||
	    (out.control = out_open(&out, "liste-controle.csv", "etablissement;college;matricule;"
	    "nom;prenom;canal_identifiant;canal_mot_de_passe\n", e)) == NULL)
		goto out;
	if (db_exec(el, "START TRANSACTION", e) == -1)
		goto out;
	tx = 1;
	if (import_lock_operation(el, op.id, e) == -1)
		goto out;
	for (;;) {
		if (read_batch(el, op.id, after, b, e) == -1)
			goto out;
		if (b->n == 0)
			break;
		after = b->p[b->n - 1].id;
		if (hash_batch(b, e) == -1 || insert_batch(el, b, e) == -1)
			goto out;
		write_batch(&out, b, o->site_url, r);
		r->generated += b->n;
		/* a crash test kills the console here, mid-generation */
		cast_fault("credgen-batch");
	}
	if (r->generated == 0) {
		err_set(e, "aucun électeur sans identifiants : rien à générer");
		goto out;
	}
	if (out_close(&out.letters, "courrier-identifiants.csv", r->sha_letters, out.tmp, e) == -1 ||
	    out_close(&out.channel, "canal-mots-de-passe.csv", r->sha_channel, out.tmp, e) == -1 ||
	    out_close(&out.control, "liste-controle.csv", r->sha_control, out.tmp, e) == -1 ||
	    journal_gen(el, o, r, out.tmp, e) == -1)
		goto out;
	cast_fault("credgen-commit");
	if (db_exec(el, "COMMIT", e) == -1)
		goto out;
	tx = 0;
	cast_fault("credgen-rename");
	/* committed: the files take their final name (after a crash just
	 * before, the temporary directory is renamed by hand to the name the
	 * journal gives; its SHA-256 digests prove the files) */
	if (rename(out.tmp, r->dir) == -1) {
		err_set(e, "identifiants enregistrés mais le dossier « %s » n'a pas pu être renommé en "
		    "« %s » (%s)", out.tmp, r->dir, strerror(errno));
		out.tmp[0] = '\0';
		goto out;
	}
	/* the lock goes once the directory has its final name */
	snprintf(lock, sizeof(lock), "%s/%s", r->dir, CREDGEN_LOCK);
	unlink(lock);
	close(out.lockfd);
	out.lockfd = -1;
	out.tmp[0] = '\0';
	rc = 0;
out:
	if (tx) {
		struct err ignored;
		db_exec(el, "ROLLBACK", &ignored);
	}
	if (rc == -1)
		out_discard(&out);
	else if (out.lockfd >= 0)
		close(out.lockfd);
	pthread_mutex_destroy(&b->lock);
	/* the last batch's passwords and identifiers */
	OPENSSL_cleanse(b, sizeof(*b));
	free(b);
	return rc;
}
