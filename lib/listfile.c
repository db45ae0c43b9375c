/* listfile.c: the lists' logos and professions de foi (listfile.h). The
 * SVG check is a refusal list on the lowercased text, deliberately
 * coarse: a logo needs none of what it refuses, and a refused file can be
 * sent again as PNG. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <openssl/sha.h>

#include "db.h"
#include "listfile.h"
#include "text.h"
#include "xmalloc.h"

static const unsigned char png_magic[8] = {
    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

const char *
listfile_kind_name(enum listfile_kind k)
{
	return k == LISTFILE_LOGO ? "logo" : "profession";
}

/* What an SVG logo may not contain: scripts and handlers, other documents,
 * entities, animations that set attributes, and any reference outside
 * itself (only "#id" links). */
static const char *
listfile_svg_bad(const char *low, char *why, size_t cap)
{
	static const char *const bad[] = {"<script", "javascript:", "<!doctype",
	    "<!entity", "<foreignobject", "<iframe", "<embed", "<object",
	    "<image", "@import", "data:"};
	const char *p;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++)
		if (strstr(low, bad[i]) != NULL) {
			snprintf(why, cap, "« %s »", bad[i]);
			return why;
		}
	if (strstr(low, "attributename") != NULL)
		return "une animation d'attribut (attributeName)";
	/* on...= attributes: onload, onclick... */
	for (p = strstr(low, "on"); p != NULL; p = strstr(p + 2, "on"))
		if (p > low && isspace((unsigned char)p[-1])) {
			const char *q = p + 2;
			while (isalpha((unsigned char)*q))
				q++;
			while (isspace((unsigned char)*q))
				q++;
			if (*q == '=' && q > p + 2)
				return "un attribut d'événement (on…=)";
		}
	for (p = strstr(low, "href"); p != NULL; p = strstr(p + 4, "href")) {
		const char *q = p + 4;
		while (isspace((unsigned char)*q) || *q == '=' || *q == '"' ||
		       *q == '\'')
			q++;
		if (*q != '#')
			return "un lien vers l'extérieur (href)";
	}
	for (p = strstr(low, "url("); p != NULL; p = strstr(p + 4, "url("))
		if (p[4 + strspn(p + 4, " '\"")] != '#')
			return "une ressource extérieure (url())";
	return NULL;
}

/* "<s:script" is a script whatever its prefix: drop the prefixes of
 * element names ("<p:", "</p:") before looking for what is refused. */
static void
listfile_svg_unprefix(char *s)
{
	char *w = s, *r = s, *q;

	while (*r != '\0') {
		*w++ = *r++;
		if (r[-1] != '<')
			continue;
		if (*r == '/')
			*w++ = *r++;
		for (q = r; isalnum((unsigned char)*q) || *q == '_' || *q == '-' || *q == '.'; q++)
			;
		if (*q == ':' && q > r)
			r = q + 1;
	}
	*w = '\0';
}

static int
listfile_check_svg(
    const char *name, const unsigned char *d, size_t n, struct err *e)
{
	char *low, *bare, why[64];
	const char *bad;
	int rc = 0;

	if (!text_utf8_valid((const char *)d, n) || memchr(d, '\0', n) != NULL)
		return err_set(
		    e, "fichier « %s » : SVG illisible (UTF-8 attendu)", name);
	low = xstrndup((const char *)d, n);
	for (size_t i = 0; i < n; i++)
		low[i] = (char)tolower((unsigned char)low[i]);
	/* checked as written, and again with the element prefixes dropped */
	bare = xstrndup(low, n);
	listfile_svg_unprefix(bare);
	if (strstr(low, "<svg") == NULL && strstr(bare, "<svg") == NULL)
		rc = err_set(
		    e, "fichier « %s » : ce n'est pas une image SVG", name);
	else if ((bad = listfile_svg_bad(low, why, sizeof(why))) != NULL ||
	    (bad = listfile_svg_bad(bare, why, sizeof(why))) != NULL)
		rc = err_set(e,
		    "fichier « %s » : SVG refusé, il contient %s (envoyez le "
		    "logo en PNG "
		    "ou un SVG sans script ni lien)",
		    name, bad);
	free(low);
	free(bare);
	return rc;
}

static int
listfile_has_ext(const char *name, const char *ext)
{
	size_t n = strlen(name), k = strlen(ext);

	return n >= k && strcasecmp(name + n - k, ext) == 0;
}

int
listfile_check(enum listfile_kind k, const char *name, const unsigned char *d,
    size_t n, const char **type, struct err *e)
{
	size_t max = k == LISTFILE_LOGO ? LISTFILE_LOGO_MAX : LISTFILE_PDF_MAX;

	if (n == 0)
		return err_set(e, "fichier « %s » : vide", name);
	if (n > max)
		return err_set(e,
		    "fichier « %s » : trop gros, %zu Kio au plus pour %s", name,
		    max / 1024,
		    k == LISTFILE_LOGO ? "un logo" : "une profession de foi");
	if (k == LISTFILE_PROFESSION) {
		if (n < 5 || memcmp(d, "%PDF-", 5) != 0)
			return err_set(
			    e, "fichier « %s » : ce n'est pas un PDF", name);
		*type = "application/pdf";
		return 0;
	}
	if (listfile_has_ext(name, ".png")) {
		if (n < 8 || memcmp(d, png_magic, 8) != 0)
			return err_set(e,
			    "fichier « %s » : ce n'est pas une image PNG",
			    name);
		*type = "image/png";
		return 0;
	}
	if (listfile_check_svg(name, d, n, e) == -1)
		return -1;
	*type = "image/svg+xml";
	return 0;
}

/* The whole file into f->data (no more than max + 1 bytes, so that the
 * check says "too large" without reading a huge file); 1 read, 0 absent,
 * -1 refused. */
static int
listfile_read(const char *path, const char *name, size_t max,
    struct listfile *f, struct err *e)
{
	FILE *fp = fopen(path, "rb");
	int bad;

	if (fp == NULL)
		return 0;
	f->data = xmalloc(max + 1);
	f->len = fread(f->data, 1, max + 1, fp);
	bad = ferror(fp);
	fclose(fp);
	return bad ? err_set(e, "fichier « %s » : lecture impossible", name)
	           : 1;
}

int
listfile_load(const char *dir, const char *list, enum listfile_kind k,
    struct listfile *f, struct err *e)
{
	static const char *const logo_ext[] = {".png", ".svg"},
	                         *const pdf_ext[] = {".pdf"};
	const char *const *exts = k == LISTFILE_LOGO ? logo_ext : pdf_ext;
	size_t next = k == LISTFILE_LOGO ? 2 : 1, max;
	char path[4096], name[512];
	int found = 0;

	memset(f, 0, sizeof(*f));
	f->kind = k;
	max = k == LISTFILE_LOGO ? LISTFILE_LOGO_MAX : LISTFILE_PDF_MAX;
	if (strchr(list, '/') != NULL) /* no file can be named after it */
		return 0;
	for (size_t i = 0; i < next; i++) {
		struct listfile g = {k, NULL, NULL, 0};
		int r;
		snprintf(name, sizeof(name), "%s%s", list, exts[i]);
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		if ((r = listfile_read(path, name, max, &g, e)) == 0)
			continue;
		if (r == 1 && found)
			err_set(e,
			    "liste « %s » : deux logos (.png et .svg), "
			    "gardez-en un",
			    list);
		if (r == -1 || found ||
		    listfile_check(k, name, g.data, g.len, &g.type, e) == -1) {
			listfile_free(&g);
			listfile_free(f);
			return -1;
		}
		*f = g;
		found = 1;
	}
	return found;
}

void
listfile_free(struct listfile *f)
{
	free(f->data);
	f->data = NULL;
	f->len = 0;
}

int
listfile_store(
    MYSQL *el, unsigned list_id, const struct listfile *f, struct err *e)
{
	unsigned char sha[SHA256_DIGEST_LENGTH];

	SHA256(f->data, f->len, sha);
	return db_run(el, e,
	           "REPLACE INTO list_file (list_id, kind, content_type, "
	           "sha256, body)"
	           " VALUES (?, ?, ?, ?, ?)",
	           "ussbb", list_id, listfile_kind_name(f->kind), f->type, sha,
	           (size_t)sizeof(sha), f->data, f->len) == -1
	           ? -1
	           : 0;
}

int
listfile_get(MYSQL *db, unsigned list_id, enum listfile_kind k,
    struct listfile *f, char type_buf[64], struct err *e)
{
	unsigned long tl = 0, bl = 0;
	MYSQL_BIND out[2];
	MYSQL_STMT *st;
	int r;

	memset(f, 0, sizeof(*f));
	f->kind = k;
	/* only the files of published lists, as /api/listes shows them (a
	 * scrutin whose keys are installed) */
	st = db_query(db, e,
	    "SELECT f.content_type, f.body FROM list_file f JOIN candidate_list l ON l.id = f.list_id"
	    " JOIN scrutin_crypto k ON k.scrutin_id = l.scrutin_id WHERE f.list_id = ? AND f.kind = ?",
	    "us", list_id, listfile_kind_name(k));
	if (st == NULL)
		return -1;
	/* the body's length first (buffer of 0 bytes), then exactly that much
	 */
	db_bind(&out[0], MYSQL_TYPE_STRING, type_buf, 63, &tl);
	db_bind(&out[1], MYSQL_TYPE_BLOB, NULL, 0, &bl);
	r = mysql_stmt_bind_result(st, out) == 0 ? mysql_stmt_fetch(st) : 1;
	if (r == 0 || r == MYSQL_DATA_TRUNCATED) {
		f->data = xmalloc(bl + 1);
		f->len = bl;
		out[1].buffer = f->data;
		out[1].buffer_length = bl;
		if (bl > 0 && mysql_stmt_fetch_column(st, &out[1], 1, 0) != 0)
			r = 1;
	}
	db_done(st);
	if (r != 0 && r != MYSQL_DATA_TRUNCATED) {
		listfile_free(f);
		return r == MYSQL_NO_DATA
		           ? 0
		           : err_set(e, "fichier de la liste %u illisible",
		                 list_id);
	}
	db_cstr(type_buf, 64, tl);
	f->type = type_buf;
	return 1;
}
