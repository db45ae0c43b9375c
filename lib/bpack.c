/* bpack.c: packed ballot bodies in the urn (bpack.h, docs/protocol.md
 * §9.3). Purely lexical, both ways: no JSON is parsed here. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "bpack.h"
#include "xmalloc.h"

/* 1 + the value of a lowercase hex digit, 0 for any other byte: an upper
 * case digit would not come back as it was. */
static const unsigned char bpack_hex[256] = {
    ['0'] = 1,
    ['1'] = 2,
    ['2'] = 3,
    ['3'] = 4,
    ['4'] = 5,
    ['5'] = 6,
    ['6'] = 7,
    ['7'] = 8,
    ['8'] = 9,
    ['9'] = 10,
    ['a'] = 11,
    ['b'] = 12,
    ['c'] = 13,
    ['d'] = 14,
    ['e'] = 15,
    ['f'] = 16,
};

static const char bpack_digits[] = "0123456789abcdef";

/* What may stand outside a run: printable ASCII (the bytes below 0x20
 * are the markers). */
static int
bpack_plain(unsigned char c)
{
	return c >= 0x20 && c < 0x7f;
}

/* Lowercase hex digits at the start of s. */
static size_t
bpack_hex_len(const char *s, size_t n)
{
	size_t i = 0;

	while (i < n && bpack_hex[(unsigned char)s[i]] != 0)
		i++;
	return i;
}

/* Index just after the string token that opens at s[i] (its closing
 * quote; escapes skipped), or n when it is not closed. */
static size_t
bpack_string_end(const char *s, size_t n, size_t i)
{
	for (i++; i < n && s[i] != '"'; i++)
		if (s[i] == '\\')
			i++;
	return i < n ? i + 1 : n;
}

/* The byte two lowercase hex digits stand for. */
static unsigned char
bpack_byte(const char *h)
{
	return (unsigned char)((bpack_hex[(unsigned char)h[0]] - 1) << 4 |
	                       (bpack_hex[(unsigned char)h[1]] - 1));
}

/* The run of d hex digits (even, at most 2 * BPACK_RUN_MAX) into out. */
static size_t
bpack_run(const char *hex, size_t d, unsigned char *out)
{
	out[0] = BPACK_RUN;
	out[1] = (unsigned char)(d / 2);
	for (size_t i = 0; i < d; i += 2)
		out[2 + i / 2] = bpack_byte(hex + i);
	return 2 + d / 2;
}

int
bpack_pack(
    const char *s, size_t n, unsigned char *out, size_t *outlen, struct err *e)
{
	size_t i = 0, o = 0, d, end;

	for (size_t k = 0; k < n; k++)
		if (!bpack_plain((unsigned char)s[k]))
			return err_set(e,
			    "bulletin : octet 0x%02x à la position %zu, hors "
			    "de la forme canonique",
			    (unsigned char)s[k], k);
	out[o++] = BPACK_V1;
	while (i < n) {
		if (s[i] != '"') {
			out[o++] = (unsigned char)s[i++];
			continue;
		}
		d = bpack_hex_len(s + i + 1, n - i - 1);
		if (i + 1 + d < n && s[i + 1 + d] == '"' && d > 0 &&
		    d % 2 == 0 && d <= 2 * BPACK_RUN_MAX) {
			o += bpack_run(s + i + 1, d, out + o);
			i += d + 2;
			continue;
		}
		/* any other string, as it is: its escapes may hide a quote */
		end = bpack_string_end(s, n, i);
		memcpy(out + o, s + i, end - i);
		o += end - i;
		i = end;
	}
	*outlen = o;
	return 0;
}

/* The run at b[*i] (its marker) written as a quoted hex string at
 * t[*o]; both indexes moved past it. */
static int
bpack_unrun(const unsigned char *b, size_t n, size_t *i, char *t, size_t *o,
    struct err *e)
{
	size_t l;

	if (*i + 1 >= n)
		return err_set(
		    e, "bulletin enregistré tronqué (position %zu)", *i);
	if ((l = b[*i + 1]) == 0)
		return err_set(e,
		    "bulletin enregistré : chaîne vide à la position %zu", *i);
	if (l > n - *i - 2)
		return err_set(
		    e, "bulletin enregistré tronqué (position %zu)", *i);
	t[(*o)++] = '"';
	for (size_t k = 0; k < l; k++) {
		unsigned char c = b[*i + 2 + k];
		t[(*o)++] = bpack_digits[c >> 4];
		t[(*o)++] = bpack_digits[c & 15];
	}
	t[(*o)++] = '"';
	*i += 2 + l;
	return 0;
}

/* A body stored before packing: the canonical text itself. */
static char *
bpack_copy(const unsigned char *b, size_t n, size_t *tl)
{
	char *t = xmalloc(n + 1);

	memcpy(t, b, n);
	t[n] = '\0';
	*tl = n;
	return t;
}

char *
bpack_unpack(const unsigned char *b, size_t n, size_t *tl, struct err *e)
{
	size_t i = 1, o = 0;
	char *t;

	if (n > 0 && b[0] == '{')
		return bpack_copy(b, n, tl);
	if (n == 0) {
		err_set(e, "bulletin enregistré vide");
		return NULL;
	}
	if (b[0] != BPACK_V1) {
		err_set(
		    e, "bulletin enregistré de format inconnu (0x%02x)", b[0]);
		return NULL;
	}
	/* a byte gives one character, a run of L + 2 bytes 2L + 2 */
	t = xmalloc(2 * n + 1);
	while (i < n) {
		if (b[i] == BPACK_RUN) {
			if (bpack_unrun(b, n, &i, t, &o, e) == -1)
				goto fail;
		} else if (bpack_plain(b[i])) {
			t[o++] = (char)b[i++];
		} else {
			err_set(e,
			    "bulletin enregistré : octet 0x%02x inattendu "
			    "à la position %zu",
			    b[i], i);
			goto fail;
		}
	}
	t[o] = '\0';
	*tl = o;
	return t;
fail:
	free(t);
	return NULL;
}

json_t *
bpack_json(const unsigned char *body, size_t len, struct err *e)
{
	json_error_t je;
	size_t tl;
	char *t = bpack_unpack(body, len, &tl, e);
	json_t *j;

	if (t == NULL)
		return NULL;
	if ((j = json_loadb(t, tl, 0, &je)) == NULL)
		err_set(
		    e, "bulletin enregistré : JSON illisible (%s)", je.text);
	free(t);
	return j;
}
