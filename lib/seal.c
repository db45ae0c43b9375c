/* seal.c: seals of a scrutin (docs/model.md, "Seal"). Each component is
 * hashed from canonical rows read with prepared statements, so a seal can
 * say which component changed; the fingerprint hashes the components. */
#include "config.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <openssl/evp.h>

#include "db.h"
#include "journal.h"
#include "release.h"
#include "seal.h"
#include "xmalloc.h"

#define SEAL_FORMAT "isoloir-seal-1"
#define SEAL_HEX (2 * SEAL_LEN + 1)

void
seal_field(struct buf *b, const char *s, size_t n)
{
	buf_printf(b, "%zu:", n);
	buf_append(b, s, n);
	buf_putc(b, ',');
}

void
seal_null(struct buf *b)
{
	buf_putc(b, '~');
}

void
seal_row_end(struct buf *b)
{
	buf_putc(b, ';');
}

static void
seal_str(struct buf *b, const char *s)
{
	seal_field(b, s, strlen(s));
}

static void
seal_hexfield(struct buf *b, const unsigned char *p)
{
	char hex[SEAL_HEX];

	journal_hex(p, SEAL_LEN, hex);
	seal_str(b, hex);
}

/* The canonical text the fingerprint is the SHA-256 of. */
static void
seal_canonical(const struct seal_parts *p, struct buf *b)
{
	char num[24];

	seal_str(b, SEAL_FORMAT);
	snprintf(num, sizeof(num), "%u", p->scrutin_id);
	seal_str(b, "scrutin"), seal_str(b, num);
	seal_str(b, "type"), seal_str(b, p->kind);
	seal_str(b, "parametres"), seal_hexfield(b, p->params);
	seal_str(b, "listes"), seal_hexfield(b, p->lists);
	seal_str(b, "electeurs"), seal_hexfield(b, p->electors);
	snprintf(num, sizeof(num), "%zu", p->nbin);
	seal_str(b, "binaires"), seal_str(b, num);
	for (size_t i = 0; i < p->nbin; i++)
		seal_str(b, p->bin[i].path), seal_hexfield(b, p->bin[i].digest);
	snprintf(num, sizeof(num), "%" PRIu64, p->journal_seq);
	seal_str(b, "journal"), seal_str(b, num), seal_hexfield(b, p->journal_hash);
	seal_str(b, "precedent"), seal_hexfield(b, p->prev);
}

void
seal_fingerprint(const struct seal_parts *p, unsigned char out[SEAL_LEN])
{
	struct buf b = BUF_INIT;

	seal_canonical(p, &b);
	EVP_Digest(b.data, b.len, out, NULL, EVP_sha256(), NULL);
	buf_free(&b);
}

static json_t *
seal_hexjson(const unsigned char *p)
{
	char hex[SEAL_HEX];

	journal_hex(p, SEAL_LEN, hex);
	return json_string(hex);
}

json_t *
seal_content(const struct seal_parts *p)
{
	json_t *bins = json_array();

	for (size_t i = 0; i < p->nbin; i++)
		json_array_append_new(bins, json_pack("{s:s,s:o}", "chemin", p->bin[i].path,
		    "sha256", seal_hexjson(p->bin[i].digest)));
	return json_pack("{s:s,s:I,s:s,s:o,s:o,s:o,s:o,s:{s:I,s:o},s:o}",
	    "format", SEAL_FORMAT, "scrutin", (json_int_t)p->scrutin_id, "type", p->kind,
	    "parametres", seal_hexjson(p->params), "listes", seal_hexjson(p->lists),
	    "electeurs", seal_hexjson(p->electors), "binaires", bins,
	    "journal", "seq", (json_int_t)p->journal_seq, "hash", seal_hexjson(p->journal_hash),
	    "precedent", seal_hexjson(p->prev));
}

static int
seal_unhex(const char *s, unsigned char out[SEAL_LEN])
{
	if (s == NULL || strlen(s) != 2 * SEAL_LEN)
		return -1;
	for (size_t i = 0; i < SEAL_LEN; i++) {
		unsigned v;
		if (sscanf(s + 2 * i, "%2x", &v) != 1 || !strchr("0123456789abcdef", s[2 * i]) ||
		    !strchr("0123456789abcdef", s[2 * i + 1]))
			return -1;
		out[i] = (unsigned char)v;
	}
	return 0;
}

static int
seal_parse_bins(json_t *bins, struct seal_parts *p)
{
	size_t i;
	json_t *b;

	if (!json_is_array(bins) || json_array_size(bins) > SEAL_MAX_BINARIES)
		return -1;
	json_array_foreach(bins, i, b) {
		const char *path = json_string_value(json_object_get(b, "chemin"));
		if (path == NULL || strlen(path) >= SEAL_PATH_MAX ||
		    seal_unhex(json_string_value(json_object_get(b, "sha256")), p->bin[i].digest) == -1)
			return -1;
		strcpy(p->bin[i].path, path);
	}
	p->nbin = json_array_size(bins);
	return 0;
}

int
seal_content_parse(const char *text, struct seal_parts *p, struct err *e)
{
	json_t *o = json_loads(text, 0, NULL), *j;
	const char *kind;
	int rc = -1;

	memset(p, 0, sizeof(*p));
	if (o == NULL)
		return err_set(e, "contenu du scellement illisible");
	j = json_object_get(o, "journal");
	kind = json_string_value(json_object_get(o, "type"));
	/* strict: 2^32 + 7 must not read as scrutin 7, nor -1 as sequence 2^64 − 1 */
	if (json_integer_value(json_object_get(o, "scrutin")) <= 0 ||
	    json_integer_value(json_object_get(o, "scrutin")) > UINT32_MAX || kind == NULL ||
	    strlen(kind) >= sizeof(p->kind) || !json_is_integer(json_object_get(j, "seq")) ||
	    json_integer_value(json_object_get(j, "seq")) < 0 ||
	    seal_unhex(json_string_value(json_object_get(o, "parametres")), p->params) == -1 ||
	    seal_unhex(json_string_value(json_object_get(o, "listes")), p->lists) == -1 ||
	    seal_unhex(json_string_value(json_object_get(o, "electeurs")), p->electors) == -1 ||
	    seal_unhex(json_string_value(json_object_get(j, "hash")), p->journal_hash) == -1 ||
	    seal_unhex(json_string_value(json_object_get(o, "precedent")), p->prev) == -1 ||
	    seal_parse_bins(json_object_get(o, "binaires"), p) == -1) {
		err_set(e, "contenu du scellement illisible");
		goto out;
	}
	p->scrutin_id = (unsigned)json_integer_value(json_object_get(o, "scrutin"));
	strcpy(p->kind, kind);
	p->journal_seq = (uint64_t)json_integer_value(json_object_get(j, "seq"));
	rc = 0;
out:
	json_decref(o);
	return rc;
}

static void
seal_add_change(struct buf *b, const char *what)
{
	buf_printf(b, "%s%s", b->len == 0 ? "" : " ; ", what);
}

int
seal_compare(const struct seal_parts *s, const struct seal_parts *n, struct err *e)
{
	struct buf b = BUF_INIT;
	int rc = 0;

	if (memcmp(s->params, n->params, SEAL_LEN) != 0)
		seal_add_change(&b, "paramètres");
	if (memcmp(s->lists, n->lists, SEAL_LEN) != 0)
		seal_add_change(&b, "listes et candidats");
	if (memcmp(s->electors, n->electors, SEAL_LEN) != 0)
		seal_add_change(&b, "fichier des électeurs");
	for (size_t i = 0; i < s->nbin; i++) {
		if (i >= n->nbin || strcmp(s->bin[i].path, n->bin[i].path) != 0 ||
		    memcmp(s->bin[i].digest, n->bin[i].digest, SEAL_LEN) != 0) {
			buf_printf(&b, "%sbinaire %s", b.len == 0 ? "" : " ; ", s->bin[i].path);
		}
	}
	if (n->nbin != s->nbin)
		seal_add_change(&b, "liste des binaires");
	if (b.len != 0)
		rc = err_set(e, "modifié depuis le scellement : %s", b.data);
	buf_free(&b);
	return rc;
}

int
seal_file_digest(const char *path, unsigned char out[SEAL_LEN], struct err *e)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	FILE *f = fopen(path, "rb");
	unsigned char chunk[65536];
	size_t n;
	int rc = -1;

	if (f == NULL) {
		err_set(e, "binaire %s illisible (%s)", path, strerror(errno));
		goto out;
	}
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		EVP_DigestUpdate(md, chunk, n);
	if (ferror(f)) {
		err_set(e, "binaire %s illisible", path);
		goto out;
	}
	EVP_DigestFinal_ex(md, out, NULL);
	rc = 0;
out:
	if (f != NULL)
		fclose(f);
	EVP_MD_CTX_free(md);
	return rc;
}

/* ------------------------------------------------------------ database */

#define SEAL_MAX_COLS 24

/* Result columns of one canonical query, all fetched as strings. */
struct seal_cols {
	unsigned n;
	MYSQL_BIND bind[SEAL_MAX_COLS];
	char *buf[SEAL_MAX_COLS];
	unsigned long cap[SEAL_MAX_COLS], len[SEAL_MAX_COLS];
	my_bool null[SEAL_MAX_COLS], trunc[SEAL_MAX_COLS];
};

static void
seal_cols_bind(struct seal_cols *c, unsigned i)
{
	db_bind(&c->bind[i], MYSQL_TYPE_STRING, c->buf[i], c->cap[i], &c->len[i]);
	c->bind[i].is_null = &c->null[i];
	c->bind[i].error = &c->trunc[i];
}

static void
seal_cols_free(struct seal_cols *c)
{
	for (unsigned i = 0; i < c->n; i++)
		free(c->buf[i]);
}

/* Refetch the columns that did not fit, with room for them from now on. */
static int
seal_cols_grow(MYSQL_STMT *st, struct seal_cols *c, struct err *e)
{
	for (unsigned i = 0; i < c->n; i++) {
		if (c->null[i] || c->len[i] <= c->cap[i])
			continue;
		c->cap[i] = c->len[i];
		c->buf[i] = xrealloc(c->buf[i], c->cap[i]);
		seal_cols_bind(c, i);
		if (mysql_stmt_fetch_column(st, &c->bind[i], i, 0) != 0)
			return err_set(e, "lecture impossible (%s)", mysql_stmt_error(st));
	}
	if (mysql_stmt_bind_result(st, c->bind) != 0)
		return err_set(e, "lecture impossible (%s)", mysql_stmt_error(st));
	return 0;
}

/* Feed one canonical row into the digest. */
static void
seal_cols_row(const struct seal_cols *c, EVP_MD_CTX *md)
{
	struct buf b = BUF_INIT;

	for (unsigned i = 0; i < c->n; i++) {
		if (c->null[i])
			seal_null(&b);
		else
			seal_field(&b, c->buf[i], c->len[i]);
	}
	seal_row_end(&b);
	EVP_DigestUpdate(md, b.data, b.len);
	buf_free(&b);
}

/* Hash the tag and every row of one query (one '?' = the scrutin id). */
static int
seal_hash_query(MYSQL *m, EVP_MD_CTX *md, const char *tag, const char *sql,
    unsigned id, struct err *e)
{
	struct seal_cols c = { 0 };
	struct buf t = BUF_INIT;
	MYSQL_STMT *st;
	int rc = -1, f;

	if ((st = db_query(m, e, sql, "u", id)) == NULL)
		return err_prefix(e, "%s : ", tag);
	if ((c.n = mysql_stmt_field_count(st)) > SEAL_MAX_COLS) {
		err_set(e, "%s : trop de colonnes", tag);
		goto out;
	}
	for (unsigned i = 0; i < c.n; i++) {
		c.cap[i] = 256;
		c.buf[i] = xmalloc(c.cap[i]);
		seal_cols_bind(&c, i);
	}
	seal_str(&t, tag);
	EVP_DigestUpdate(md, t.data, t.len);
	if (mysql_stmt_bind_result(st, c.bind) != 0) {
		err_set(e, "%s : lecture impossible (%s)", tag, mysql_stmt_error(st));
		goto out;
	}
	while ((f = mysql_stmt_fetch(st)) == 0 || f == MYSQL_DATA_TRUNCATED) {
		if (f == MYSQL_DATA_TRUNCATED && seal_cols_grow(st, &c, e) == -1)
			goto out;
		seal_cols_row(&c, md);
	}
	if (f != MYSQL_NO_DATA)
		err_set(e, "%s : lecture impossible (%s)", tag, mysql_stmt_error(st));
	else
		rc = 0;
out:
	buf_free(&t);
	seal_cols_free(&c);
	db_done(st);
	return rc;
}

struct seal_query {
	const char *tag;
	const char *sql;
};

/* Everything is cast to text in SQL so the canonical form does not depend
 * on the client's conversions. */
static const struct seal_query seal_q_params[] = {
	{ "operation", "SELECT o.code, o.name, CAST(o.training AS CHAR),"
	    " DATE_FORMAT(o.opens_at, '%Y-%m-%d %H:%i:%s'),"
	    " DATE_FORMAT(o.closes_at, '%Y-%m-%d %H:%i:%s'),"
	    " CAST(o.grace_seconds AS CHAR), CAST(o.settings AS CHAR)"
	    " FROM operation o JOIN scrutin s ON s.operation_id = o.id WHERE s.id = ?" },
	{ "scrutin", "SELECT CAST(s.id AS CHAR), es.name, co.name, s.category,"
	    " CAST(s.round AS CHAR), CAST(s.seats AS CHAR), CAST(s.bureau_id AS CHAR)"
	    " FROM scrutin s JOIN establishment es ON es.id = s.establishment_id"
	    " JOIN college co ON co.id = s.college_id WHERE s.id = ?" },
	{ "cles", "SELECT public_key, fingerprint, CAST(nul_slot AS CHAR)"
	    " FROM scrutin_crypto WHERE scrutin_id = ?" },
	{ NULL, NULL },
};

static const struct seal_query seal_q_lists[] = {
	{ "listes", "SELECT CAST(position AS CHAR), name, unions, CAST(split AS CHAR)"
	    " FROM candidate_list WHERE scrutin_id = ? ORDER BY position" },
	{ "candidats", "SELECT CAST(l.position AS CHAR), CAST(c.position AS CHAR),"
	    " CAST(c.elector_id AS CHAR), c.nom, c.prenom, c.sexe,"
	    " DATE_FORMAT(c.date_naissance, '%Y-%m-%d') FROM candidate c"
	    " JOIN candidate_list l ON l.id = c.list_id WHERE l.scrutin_id = ?"
	    " ORDER BY l.position, c.position" },
	/* R-VOTE-2: the logo and profession de foi shown with each list */
	{ "fichiers", "SELECT CAST(l.position AS CHAR), f.kind, f.content_type, LOWER(HEX(f.sha256))"
	    " FROM list_file f JOIN candidate_list l ON l.id = f.list_id WHERE l.scrutin_id = ?"
	    " ORDER BY l.position, f.kind" },
	{ NULL, NULL },
};

static const struct seal_query seal_q_electors[] = {
	{ "electeurs", "SELECT CAST(e.id AS CHAR), e.matricule, e.nom, e.nom_usage,"
	    " e.prenom, e.civilite, e.sexe, DATE_FORMAT(e.date_naissance, '%Y-%m-%d'),"
	    " CAST(e.establishment_id AS CHAR), e.site, CAST(e.college_id AS CHAR),"
	    " e.statut, e.adresse, e.code_postal, e.ville, e.email, e.telephone,"
	    " e.cle_nir, DATE_FORMAT(e.date_entree, '%Y-%m-%d'), CAST(e.eligible AS CHAR),"
	    " CAST(e.test_elector AS CHAR) FROM elector e"
	    " JOIN elector_scrutin x ON x.elector_id = e.id WHERE x.scrutin_id = ?"
	    " ORDER BY e.id" },
	{ NULL, NULL },
};

/* One component digest: domain, then every query's tag and rows. */
static int
seal_component(MYSQL *el, const char *name, const struct seal_query *q,
    unsigned id, unsigned char out[SEAL_LEN], struct err *e)
{
	EVP_MD_CTX *md = EVP_MD_CTX_new();
	struct buf d = BUF_INIT;
	int rc = -1;

	buf_printf(&d, "%s/%s", SEAL_FORMAT, name);
	EVP_DigestInit_ex(md, EVP_sha256(), NULL);
	EVP_DigestUpdate(md, d.data, d.len + 1);   /* with its NUL */
	for (; q->tag != NULL; q++)
		if (seal_hash_query(el, md, q->tag, q->sql, id, e) == -1)
			goto out;
	EVP_DigestFinal_ex(md, out, NULL);
	rc = 0;
out:
	buf_free(&d);
	EVP_MD_CTX_free(md);
	return rc;
}

int
seal_compute(MYSQL *el, unsigned scrutin_id, const char *const *bins,
    size_t nbin, struct seal_parts *p, struct err *e)
{
	memset(p, 0, sizeof(*p));
	p->scrutin_id = scrutin_id;
	if (nbin == 0 || nbin > SEAL_MAX_BINARIES)
		return err_set(e, "scellement : de 1 à %d binaires à sceller", SEAL_MAX_BINARIES);
	for (size_t i = 0; i < nbin; i++) {
		if (strlen(bins[i]) >= SEAL_PATH_MAX)
			return err_set(e, "scellement : chemin trop long");
		strcpy(p->bin[i].path, bins[i]);
		if (seal_file_digest(bins[i], p->bin[i].digest, e) == -1)
			return err_prefix(e, "scellement : ");
	}
	p->nbin = nbin;
	if (seal_component(el, "parametres", seal_q_params, scrutin_id, p->params, e) == -1 ||
	    seal_component(el, "listes", seal_q_lists, scrutin_id, p->lists, e) == -1 ||
	    seal_component(el, "electeurs", seal_q_electors, scrutin_id, p->electors, e) == -1)
		return err_prefix(e, "scellement : ");
	return 0;
}

/* A seal row of the urn database. */
struct seal_row {
	unsigned id;
	unsigned char fp[SEAL_LEN], prev[SEAL_LEN];
	char *content;   /* NUL-terminated, owned */
};

/* Fetch the row's content (MEDIUMTEXT) at its real size. */
static int
seal_fetch_content(MYSQL_STMT *st, unsigned long len, struct seal_row *r,
    struct err *e)
{
	MYSQL_BIND b;
	unsigned long got = 0;

	r->content = xmalloc(len + 1);
	db_bind(&b, MYSQL_TYPE_STRING, r->content, len + 1, &got);
	if (len > 0 && mysql_stmt_fetch_column(st, &b, 3, 0) != 0) {
		free(r->content);
		r->content = NULL;
		return err_set(e, "scellement illisible (%s)", mysql_stmt_error(st));
	}
	r->content[len] = '\0';
	return 0;
}

/* The latest seal of the scrutin with id < before (0: no bound);
 * 1 found, 0 none, -1 error. */
static int
seal_load(MYSQL *urn, unsigned scrutin_id, unsigned before, struct seal_row *r,
    struct err *e)
{
	unsigned long l1 = 0, l2 = 0, l3 = 0;
	MYSQL_BIND out[4];
	MYSQL_STMT *st;
	char none[1];
	int f, rc = -1;

	st = db_query(urn, e, "SELECT id, fingerprint, prev_fingerprint, content FROM seal"
	    " WHERE scrutin_id = ? AND id < ? ORDER BY id DESC LIMIT 1", "uu",
	    scrutin_id, before == 0 ? 0xffffffffu : before);
	if (st == NULL)
		return err_prefix(e, "scellement : ");
	db_bind(&out[0], MYSQL_TYPE_LONG, &r->id, 0, NULL);
	db_bind(&out[1], MYSQL_TYPE_BLOB, r->fp, SEAL_LEN, &l1);
	db_bind(&out[2], MYSQL_TYPE_BLOB, r->prev, SEAL_LEN, &l2);
	db_bind(&out[3], MYSQL_TYPE_STRING, none, 0, &l3);
	if (mysql_stmt_bind_result(st, out) != 0) {
		err_set(e, "scellement illisible (%s)", mysql_stmt_error(st));
		goto out;
	}
	f = mysql_stmt_fetch(st);
	if (f == MYSQL_NO_DATA) {
		rc = 0;
		goto out;
	}
	if ((f != 0 && f != MYSQL_DATA_TRUNCATED) || l1 != SEAL_LEN || l2 != SEAL_LEN) {
		err_set(e, "scellement illisible");
		goto out;
	}
	if (seal_fetch_content(st, l3, r, e) == 0)
		rc = 1;
out:
	db_done(st);
	return rc;
}

static int
seal_store(MYSQL *urn, const struct seal_parts *p, const unsigned char fp[SEAL_LEN],
    const char *authorised_by, struct err *e)
{
	json_t *c = seal_content(p);
	char *text = json_dumps(c, JSON_COMPACT | JSON_PRESERVE_ORDER);
	long long n;

	json_decref(c);
	if (text == NULL)
		return err_set(e, "scellement : contenu invalide");
	n = db_run(urn, e, "INSERT INTO seal (scrutin_id, kind, fingerprint,"
	    " prev_fingerprint, content, sealed_at, authorised_by)"
	    " VALUES (?, ?, ?, ?, ?, UTC_TIMESTAMP(6), ?)", "usbbss", p->scrutin_id,
	    p->kind, fp, (size_t)SEAL_LEN, p->prev, (size_t)SEAL_LEN, text, authorised_by);
	free(text);
	return n == 1 ? 0 : err_prefix(e, "scellement : ");
}

int
seal_create(MYSQL *el, MYSQL *urn, unsigned scrutin_id, const char *kind,
    const char *const *bins, size_t nbin, const char *authorised_by,
    unsigned char fp[SEAL_LEN], struct err *e)
{
	struct seal_parts p;
	struct seal_row prev = { 0 };
	unsigned char out[SEAL_LEN];
	int found;

	if (strlen(kind) >= sizeof(p.kind))
		return err_set(e, "scellement : type invalide");
	/* R-BUR-3: only the programs the expert certified can be sealed */
	if (seal_compute(el, scrutin_id, bins, nbin, &p, e) == -1 ||
	    release_check_seal(el, &p, e) == -1 ||
	    journal_head(el, &p.journal_seq, p.journal_hash, e) == -1 ||
	    (found = seal_load(urn, scrutin_id, 0, &prev, e)) == -1)
		return -1;
	strcpy(p.kind, kind);
	if (found)
		memcpy(p.prev, prev.fp, SEAL_LEN);
	free(prev.content);
	seal_fingerprint(&p, out);
	if (seal_store(urn, &p, out, authorised_by, e) == -1)
		return -1;
	if (fp != NULL)
		memcpy(fp, out, SEAL_LEN);
	return 0;
}

/* The stored record is whole: fingerprint of its content, chained to the
 * seal before it. */
static int
seal_check_record(MYSQL *urn, const struct seal_row *r, const struct seal_parts *s,
    unsigned scrutin_id, struct err *e)
{
	unsigned char fp[SEAL_LEN], want[SEAL_LEN] = { 0 };
	struct seal_row before = { 0 };
	int found;

	seal_fingerprint(s, fp);
	if (s->scrutin_id != scrutin_id || memcmp(fp, r->fp, SEAL_LEN) != 0)
		return err_set(e, "le scellement n° %u a été modifié (son contenu ne"
		    " correspond plus à son empreinte)", r->id);
	if ((found = seal_load(urn, scrutin_id, r->id, &before, e)) == -1)
		return -1;
	if (found)
		memcpy(want, before.fp, SEAL_LEN);
	free(before.content);
	if (memcmp(want, r->prev, SEAL_LEN) != 0 || memcmp(want, s->prev, SEAL_LEN) != 0)
		return err_set(e, "chaînage des scellements rompu au scellement n° %u", r->id);
	return 0;
}

static int
seal_verify_row(MYSQL *el, MYSQL *urn, const struct seal_row *r, unsigned scrutin_id,
    struct err *e)
{
	const char *paths[SEAL_MAX_BINARIES];
	struct seal_parts s, now;

	if (seal_content_parse(r->content, &s, e) == -1 ||
	    seal_check_record(urn, r, &s, scrutin_id, e) == -1)
		return -1;
	for (size_t i = 0; i < s.nbin; i++)
		paths[i] = s.bin[i].path;
	if (seal_compute(el, scrutin_id, paths, s.nbin, &now, e) == -1)
		return -1;
	if (seal_compare(&s, &now, e) == -1)
		return -1;
	if (s.journal_seq > 0 &&
	    journal_verify(el, s.journal_seq, s.journal_hash, NULL, e) == -1)
		return -1;
	return 0;
}

int
seal_verify(MYSQL *el, MYSQL *urn, unsigned scrutin_id, struct err *e)
{
	struct seal_row r = { 0 };
	int found, rc;

	if ((found = seal_load(urn, scrutin_id, 0, &r, e)) == -1)
		return -1;
	if (found == 0)
		return err_set(e, "Le scrutin n° %u n'a jamais été scellé.", scrutin_id);
	rc = seal_verify_row(el, urn, &r, scrutin_id, e);
	free(r.content);
	if (rc == -1)
		err_prefix(e, "scellement n° %u du scrutin n° %u : ", r.id, scrutin_id);
	return rc;
}

int
seal_check(MYSQL *el, MYSQL *urn, unsigned scrutin_id, const char *actor,
    struct err *e)
{
	struct err je;
	int rc = seal_verify(el, urn, scrutin_id, e);
	json_t *d = json_pack("{s:s}", "resultat", rc == 0 ? "conforme" : e->msg);
	char *s = json_dumps(d, JSON_COMPACT);
	int logged;

	json_decref(d);
	logged = s != NULL && journal_append(el, actor, rc == 0 ? "scellement_verifie" :
	    "scellement_non_conforme", scrutin_id, s, NULL, &je) == 0;
	free(s);
	if (rc == 0 && !logged)
		return err_set(e, "vérification conforme mais non journalisée");
	return rc;
}
