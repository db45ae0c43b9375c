/* csv.c: streaming CSV reader with encoding detection. */
#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/types.h>

#include "csv.h"
#include "text.h"

/* First pass: which encoding, and is it mixed? */
static int
csv_detect(struct csv_reader *r, struct err *e)
{
	unsigned long line = 0, first_utf8 = 0, first_bad = 0;
	ssize_t n;

	while ((n = getline(&r->line, &r->cap, r->f)) > 0) {
		line++;
		if (text_ascii(r->line, (size_t)n))
			continue;
		if (text_utf8_valid(r->line, (size_t)n)) {
			if (first_utf8 == 0)
				first_utf8 = line;
		} else if (first_bad == 0) {
			first_bad = line;
		}
		if (first_utf8 != 0 && first_bad != 0)
			return err_set(e, "ligne %lu, colonne 1 : encodage mélangé (UTF-8 en ligne %lu, "
			    "Windows-1252 en ligne %lu) : enregistrez le fichier dans un seul encodage",
			    first_utf8 > first_bad ? first_utf8 : first_bad, first_utf8, first_bad);
	}
	if (ferror(r->f))
		return err_set(e, "lecture impossible");
	r->utf8 = first_bad == 0;
	rewind(r->f);
	return 0;
}

/* The header decides the separator: ';' unless ',' is more frequent. */
static void
csv_separator(struct csv_reader *r, const char *s, size_t n)
{
	size_t semi = 0, comma = 0;
	int quoted = 0;

	for (size_t i = 0; i < n; i++) {
		if (s[i] == '"')
			quoted = !quoted;
		else if (!quoted && s[i] == ';')
			semi++;
		else if (!quoted && s[i] == ',')
			comma++;
	}
	r->sep = comma > semi ? ',' : ';';
}

int
csv_open(struct csv_reader *r, const char *path, struct err *e)
{
	unsigned char bom[3];

	memset(r, 0, sizeof(*r));
	r->next_line = 1;
	if ((r->f = fopen(path, "rb")) == NULL)
		return err_set(e, "%s : ouverture impossible (%s)", path, strerror(errno));
	if (csv_detect(r, e) == -1) {
		csv_close(r);
		return -1;
	}
	/* Skip a UTF-8 byte order mark. */
	if (fread(bom, 1, 3, r->f) != 3 || memcmp(bom, "\xef\xbb\xbf", 3) != 0)
		rewind(r->f);
	r->sep = 0;
	return 0;
}

/* Read physical lines until the quotes balance: one raw record. */
static int
csv_read_record(struct csv_reader *r, unsigned long *start, struct err *e)
{
	int quoted = 0;
	ssize_t n;

	buf_reset(&r->rec);
	*start = r->next_line;
	while ((n = getline(&r->line, &r->cap, r->f)) > 0) {
		r->next_line++;
		for (ssize_t i = 0; i < n; i++)
			if (r->line[i] == '"')
				quoted = !quoted;
		buf_append(&r->rec, r->line, (size_t)n);
		if (r->rec.len > CSV_MAX_RECORD)
			return err_set(e, "ligne %lu, colonne 1 : enregistrement trop long", *start);
		if (!quoted)
			return 1;
	}
	if (quoted)
		return err_set(e, "ligne %lu, colonne 1 : guillemet ouvrant sans guillemet fermant", *start);
	return r->rec.len > 0 ? 1 : 0;
}

static void
csv_strip_eol(struct buf *b)
{
	while (b->len > 0 && (b->data[b->len - 1] == '\n' || b->data[b->len - 1] == '\r'))
		b->data[--b->len] = '\0';
}

/* Split the converted record in place into fields. */
static int
csv_split(struct csv_reader *r, struct csv_record *rec, struct err *e)
{
	char *p = r->conv.data, *out = r->conv.data;

	rec->n = 0;
	for (;;) {
		char *start = out;
		if (rec->n == CSV_MAX_FIELDS)
			return err_set(e, "ligne %lu, colonne %d : trop de colonnes", rec->line, CSV_MAX_FIELDS + 1);
		if (*p == '"') {
			p++;
			for (;;) {
				if (*p == '\0')
					return err_set(e, "ligne %lu, colonne %zu : guillemet non fermé", rec->line, rec->n + 1);
				if (*p == '"' && p[1] == '"') {
					*out++ = '"';
					p += 2;
				} else if (*p == '"') {
					p++;
					break;
				} else {
					*out++ = *p++;
				}
			}
			if (*p != r->sep && *p != '\0')
				return err_set(e, "ligne %lu, colonne %zu : texte après un guillemet fermant",
				    rec->line, rec->n + 1);
		} else {
			while (*p != r->sep && *p != '\0')
				*out++ = *p++;
		}
		int last = *p == '\0';
		*out++ = '\0';
		rec->field[rec->n++] = start;
		if (last)
			return 0;
		p++;
	}
}

int
csv_next(struct csv_reader *r, struct csv_record *rec, struct err *e)
{
	int rc;

	do {
		if ((rc = csv_read_record(r, &rec->line, e)) != 1)
			return rc;
		csv_strip_eol(&r->rec);
	} while (r->rec.len == 0);
	if (r->sep == 0)
		csv_separator(r, r->rec.data, r->rec.len);
	buf_reset(&r->conv);
	if (r->utf8)
		buf_append(&r->conv, r->rec.data, r->rec.len);
	else
		text_cp1252_to_utf8(&r->conv, r->rec.data, r->rec.len);
	/* a NUL inside the data would cut fields silently */
	if (memchr(r->conv.data, '\0', r->conv.len) != NULL)
		return err_set(e, "ligne %lu, colonne 1 : caractère nul dans le fichier", rec->line);
	return csv_split(r, rec, e) == -1 ? -1 : 1;
}

void
csv_close(struct csv_reader *r)
{
	if (r->f != NULL)
		fclose(r->f);
	free(r->line);
	buf_free(&r->rec);
	buf_free(&r->conv);
	memset(r, 0, sizeof(*r));
}

void
csv_write_field(FILE *f, const char *s, int last)
{
	if (strpbrk(s, ";\"\r\n") != NULL) {
		fputc('"', f);
		for (; *s; s++) {
			if (*s == '"')
				fputc('"', f);
			fputc(*s, f);
		}
		fputc('"', f);
	} else {
		fputs(s, f);
	}
	fputc(last ? '\n' : ';', f);
}
