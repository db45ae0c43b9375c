/* conf.c: INI-like configuration parser (isoloir.conf). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "conf.h"
#include "xmalloc.h"

struct conf_item {
	char *section;
	char *key;
	char *value;
	int line;
};

struct conf_section {
	char *name;
	int line;   /* of its first header */
};

struct conf {
	struct conf_item *items;
	size_t n;
	struct conf_section *sections;
	size_t nsections;
};

static char *
conf_trim(char *s)
{
	char *end;

	while (isspace((unsigned char)*s))
		s++;
	end = s + strlen(s);
	while (end > s && isspace((unsigned char)end[-1]))
		*--end = '\0';
	return s;
}

static int
conf_name_ok(const char *s)
{
	if (*s == '\0')
		return 0;
	for (; *s != '\0'; s++)
		if (!isalnum((unsigned char)*s) && *s != '_' && *s != '-' && *s != '.')
			return 0;
	return 1;
}

static void
conf_add(struct conf *c, const char *section, const char *key, const char *value, int line)
{
	c->items = xreallocarray(c->items, c->n + 1, sizeof(*c->items));
	c->items[c->n].section = xstrdup(section);
	c->items[c->n].key = xstrdup(key);
	c->items[c->n].value = xstrdup(value);
	c->items[c->n].line = line;
	c->n++;
}

/* Parse one line; section is updated on a header line. */
static int
conf_line(struct conf *c, char *line, char *section, size_t seclen,
    const char *name, int lineno, struct err *e)
{
	char *p = conf_trim(line), *eq, *key, *value;

	if (*p == '\0' || *p == '#' || *p == ';')
		return 0;
	if (*p == '[') {
		char *close = strchr(p, ']');
		if (close == NULL || close[1] != '\0')
			return err_set(e, "%s:%d: en-tête de section invalide", name, lineno);
		*close = '\0';
		p = conf_trim(p + 1);
		if (!conf_name_ok(p) || strlen(p) >= seclen)
			return err_set(e, "%s:%d: nom de section invalide", name, lineno);
		strcpy(section, p);
		if (conf_section_line(c, p) == 0) {
			c->sections = xreallocarray(c->sections, c->nsections + 1, sizeof(*c->sections));
			c->sections[c->nsections].name = xstrdup(p);
			c->sections[c->nsections++].line = lineno;
		}
		return 0;
	}
	if ((eq = strchr(p, '=')) == NULL)
		return err_set(e, "%s:%d: « clé = valeur » attendu", name, lineno);
	*eq = '\0';
	key = conf_trim(p);
	value = conf_trim(eq + 1);
	if (!conf_name_ok(key))
		return err_set(e, "%s:%d: nom de clé invalide", name, lineno);
	if (section[0] == '\0')
		return err_set(e, "%s:%d: clé « %s » hors de toute section", name, lineno, key);
	if (conf_get(c, section, key) != NULL)
		return err_set(e, "%s:%d: clé « %s » en double dans [%s]", name, lineno, key, section);
	conf_add(c, section, key, value, lineno);
	return 0;
}

struct conf *
conf_parse(const char *text, const char *name, struct err *e)
{
	struct conf *c = xcalloc(1, sizeof(*c));
	char section[128] = "";
	char *copy = xstrdup(text), *line, *next;
	int lineno = 0;

	for (line = copy; line != NULL; line = next) {
		next = strchr(line, '\n');
		if (next != NULL)
			*next++ = '\0';
		lineno++;
		if (conf_line(c, line, section, sizeof(section), name, lineno, e) == -1) {
			conf_free(c);
			c = NULL;
			goto out;
		}
	}
out:
	free(copy);
	return c;
}

struct conf *
conf_load(const char *path, struct err *e)
{
	struct buf b = BUF_INIT;
	struct conf *c = NULL;
	char chunk[4096];
	size_t n;
	FILE *f;

	if ((f = fopen(path, "r")) == NULL) {
		err_set(e, "%s : lecture impossible (%s)", path, strerror(errno));
		return NULL;
	}
	while ((n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		buf_append(&b, chunk, n);
	if (ferror(f)) {
		err_set(e, "%s : erreur de lecture", path);
		goto out;
	}
	if (memchr(b.data == NULL ? "" : b.data, '\0', b.len) != NULL) {
		err_set(e, "%s : fichier binaire", path);
		goto out;
	}
	c = conf_parse(b.data == NULL ? "" : b.data, path, e);
out:
	fclose(f);
	buf_free(&b);
	return c;
}

void
conf_free(struct conf *c)
{
	if (c == NULL)
		return;
	for (size_t i = 0; i < c->n; i++) {
		free(c->items[i].section);
		free(c->items[i].key);
		/* Values may be database passwords. */
		xfree_secret(c->items[i].value, strlen(c->items[i].value));
	}
	free(c->items);
	for (size_t i = 0; i < c->nsections; i++)
		free(c->sections[i].name);
	free(c->sections);
	free(c);
}

const char *
conf_get(const struct conf *c, const char *section, const char *key)
{
	for (size_t i = 0; i < c->n; i++)
		if (strcmp(c->items[i].section, section) == 0 &&
		    strcmp(c->items[i].key, key) == 0)
			return c->items[i].value;
	return NULL;
}

const char *
conf_get_def(const struct conf *c, const char *section, const char *key,
    const char *def)
{
	const char *v = conf_get(c, section, key);

	return v == NULL ? def : v;
}

int
conf_need(const struct conf *c, const char *section, const char *key,
    const char **out, struct err *e)
{
	if ((*out = conf_get(c, section, key)) == NULL)
		return err_set(e, "configuration : [%s] %s manquant", section, key);
	return 0;
}

int
conf_get_int(const struct conf *c, const char *section, const char *key,
    long def, long min, long max, long *out, struct err *e)
{
	const char *v = conf_get(c, section, key);
	char *end;
	long n;

	if (v == NULL) {
		*out = def;
		return 0;
	}
	errno = 0;
	n = strtol(v, &end, 10);
	if (errno != 0 || end == v || *end != '\0')
		return err_set(e, "configuration : [%s] %s n'est pas un entier : « %s »",
		    section, key, v);
	if (n < min || n > max)
		return err_set(e, "configuration : [%s] %s hors bornes (%ld à %ld)",
		    section, key, min, max);
	*out = n;
	return 0;
}

static int
conf_hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	c = (char)tolower((unsigned char)c);
	return c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

int
conf_get_hex(const struct conf *c, const char *section, const char *key,
    unsigned char *out, size_t len, struct err *e)
{
	const char *v;

	if (conf_need(c, section, key, &v, e) == -1)
		return -1;
	if (strlen(v) != 2 * len)
		return err_set(e, "configuration : [%s] %s doit compter %zu chiffres "
		    "hexadécimaux", section, key, 2 * len);
	for (size_t i = 0; i < len; i++) {
		int hi = conf_hexval(v[2 * i]), lo = conf_hexval(v[2 * i + 1]);
		if (hi < 0 || lo < 0)
			return err_set(e, "configuration : [%s] %s n'est pas hexadécimal",
			    section, key);
		out[i] = (unsigned char)(hi << 4 | lo);
	}
	return 0;
}

size_t
conf_count(const struct conf *c)
{
	return c->n;
}

int
conf_item(const struct conf *c, size_t i, const char **section, const char **key,
    const char **value)
{
	*section = c->items[i].section;
	*key = c->items[i].key;
	*value = c->items[i].value;
	return c->items[i].line;
}

int
conf_section_line(const struct conf *c, const char *section)
{
	for (size_t i = 0; i < c->nsections; i++)
		if (strcmp(c->sections[i].name, section) == 0)
			return c->sections[i].line;
	return 0;
}
