/* board_scan.c: the bulletin board file read in bounded memory
 * (docs/protocol.md §10.4). The scanner only follows strings and
 * brackets to find where each value ends; every value it hands over is
 * then parsed by jansson, which checks the JSON itself. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "board_scan.h"
#include "buf.h"

static int
bs_ws(FILE *f)
{
	int c;

	while ((c = getc_unlocked(f)) == ' ' || c == '\n' || c == '\r' ||
	       c == '\t')
		;
	return c;
}

/* The rest of a string after its opening quote (already in out); -1 at
 * the end of the file or past cap bytes (a huge string is not buffered). */
static int
bs_string(FILE *f, struct buf *out, size_t cap)
{
	int c;

	for (;;) {
		if ((c = getc_unlocked(f)) == EOF || out->len > cap)
			return -1;
		buf_putc(out, (char)c);
		if (c == '\\') {
			if ((c = getc_unlocked(f)) == EOF)
				return -1;
			buf_putc(out, (char)c);
		} else if (c == '"')
			return 0;
	}
}

/* One value whose first byte c has been read, into out (emptied first);
 * -1 on end of file or when it grows past cap. */
static int
bs_value(FILE *f, int c, struct buf *out, size_t cap)
{
	size_t depth = 0;

	buf_reset(out);
	if (c == EOF)
		return -1;
	if (c != '{' && c != '[' && c != '"') {
		/* number, true, false, null: up to the next delimiter */
		while (c != EOF && strchr(",:}] \t\r\n", c) == NULL) {
			buf_putc(out, (char)c);
			c = getc_unlocked(f);
		}
		if (c != EOF)
			ungetc(c, f);
		return out->len > 0 ? 0 : -1;
	}
	do {
		buf_putc(out, (char)c);
		if (c == '"') {
			if (bs_string(f, out, cap) == -1)
				return -1;
		} else if (c == '{' || c == '[')
			depth++;
		else if (c == '}' || c == ']')
			depth--;
		if (out->len > cap)
			return -1;
		if (depth == 0)
			return 0;
	} while ((c = getc_unlocked(f)) != EOF);
	return -1;
}

/* A member's key: the string at c, decoded. NULL if malformed. */
static char *
bs_key(FILE *f, int c, struct buf *tmp)
{
	json_t *k;
	char *s;

	if (c != '"' || bs_value(f, c, tmp, 4096) == -1)
		return NULL;
	if ((k = json_loadb(tmp->data, tmp->len, JSON_DECODE_ANY, NULL)) ==
	    NULL)
		return NULL;
	s = json_is_string(k) ? strdup(json_string_value(k)) : NULL;
	json_decref(k);
	return s;
}

/* The ballots array after its '[': each entry to on_ballot. */
static int
bs_ballots(
    FILE *f, struct buf *v, bscan_ballot_fn on_ballot, void *arg, struct err *e)
{
	size_t i = 0;
	int c = bs_ws(f);

	if (c == ']')
		return 0;
	for (;; i++) {
		if (bs_value(f, c, v, BSCAN_ENTRY_MAX) == -1)
			return err_set(e,
			    "bulletin n° %zu : JSON illisible ou de plus de %u "
			    "octets",
			    i + 1, BSCAN_ENTRY_MAX);
		if (on_ballot != NULL &&
		    on_ballot(arg, i, v->data, v->len, e) == -1)
			return -1;
		if ((c = bs_ws(f)) == ']')
			return 0;
		if (c != ',')
			return err_set(e,
			    "bulletin n° %zu : « , » ou « ] » attendu", i + 1);
		c = bs_ws(f);
	}
}

int
bscan_board(
    FILE *f, json_t **hdr, bscan_ballot_fn on_ballot, void *arg, struct err *e)
{
	struct buf v = BUF_INIT;
	json_t *h = json_object(), *val;
	json_error_t je;
	char *key = NULL;
	int c, rc = -1;

	if (bs_ws(f) != '{') {
		err_set(e, "tableau illisible : objet JSON attendu");
		goto out;
	}
	if ((c = bs_ws(f)) == '}')
		goto end;
	for (;;) {
		free(key);
		if ((key = bs_key(f, c, &v)) == NULL || bs_ws(f) != ':') {
			err_set(e, "tableau illisible : clé attendue");
			goto out;
		}
		if (json_object_get(h, key) != NULL) {
			err_set(
			    e, "tableau illisible : clé « %s » en double", key);
			goto out;
		}
		c = bs_ws(f);
		if (strcmp(key, "ballots") == 0 && c == '[') {
			if (bs_ballots(f, &v, on_ballot, arg, e) == -1)
				goto out;
			json_object_set_new(h, key, json_array());
		} else {
			if (bs_value(f, c, &v, BSCAN_MEMBER_MAX) == -1 ||
			    (val = json_loadb(v.data, v.len,
			         JSON_DECODE_ANY | JSON_REJECT_DUPLICATES,
			         &je)) == NULL) {
				err_set(e,
				    "tableau illisible : « %s » : JSON "
				    "invalide",
				    key);
				goto out;
			}
			json_object_set_new(h, key, val);
		}
		if ((c = bs_ws(f)) == '}')
			break;
		if (c != ',' || (c = bs_ws(f)) == EOF) {
			err_set(e,
			    "tableau illisible : « , » ou « } » attendu après "
			    "« %s »",
			    key);
			goto out;
		}
	}
end:
	if (bs_ws(f) != EOF) {
		err_set(e, "tableau illisible : données après le document");
		goto out;
	}
	rc = 0;
out:
	free(key);
	buf_free(&v);
	if (rc == 0 && hdr != NULL)
		*hdr = h;
	else
		json_decref(h);
	if (rc == -1 && hdr != NULL)
		*hdr = NULL;
	return rc;
}

json_t *
bscan_member(const char *raw, size_t n, const char *key)
{
	FILE *f = fmemopen((void *)raw, n, "r");
	struct buf v = BUF_INIT;
	json_t *out = NULL;
	char *k = NULL;
	int c;

	if (f == NULL)
		return NULL;
	if (bs_ws(f) != '{' || (c = bs_ws(f)) == '}')
		goto out;
	for (;;) {
		free(k);
		if ((k = bs_key(f, c, &v)) == NULL || bs_ws(f) != ':' ||
		    bs_value(f, bs_ws(f), &v, n) == -1)
			goto out;
		if (strcmp(k, key) == 0) {
			out = json_loadb(v.data, v.len, JSON_DECODE_ANY, NULL);
			goto out;
		}
		if ((c = bs_ws(f)) != ',')
			goto out;
		c = bs_ws(f);
	}
out:
	free(k);
	buf_free(&v);
	fclose(f);
	return out;
}
