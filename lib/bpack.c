/* bpack.c: packed ballot bodies in the urn (bpack.h, docs/protocol.md
 * §9.3). Purely lexical, both ways: no JSON is parsed here. */
#include "config.h"

#include <stdint.h>
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

#define BPACK_ONES 0x0101010101010101ULL
#define BPACK_HIGH 0x8080808080808080ULL

/* The high bit of each byte of x (all bytes < 0x80) set where the byte is
 * in [lo, hi]: x | 0x80.. minus a constant never borrows across bytes. */
static uint64_t
bpack_between(uint64_t x, unsigned lo, unsigned hi)
{
	uint64_t y = x | BPACK_HIGH;

	return (y - lo * BPACK_ONES) & ~(y - (hi + 1) * BPACK_ONES) &
	       BPACK_HIGH;
}

/* 8 lowercase hex digits into 4 bytes; 0 when one of them is not such a
 * digit. Eight at a time: the hex of a ballot is ~90 % of its text, and a
 * byte at a time cost ~0.3 ms a cast. */
static int
bpack_hex8(const char *h, unsigned char *out)
{
#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	uint64_t x, n;
	uint32_t w;

	memcpy(&x, h, 8); /* h[0] in the low byte */
	if ((x & BPACK_HIGH) != 0 ||
	    (bpack_between(x, '0', '9') | bpack_between(x, 'a', 'f')) !=
	        BPACK_HIGH)
		return 0;
	/* a letter has bit 6 set: its value is its low nibble + 9 */
	n = (x & 0x0f0f0f0f0f0f0f0fULL) + 9 * ((x >> 6) & BPACK_ONES);
	/* byte 2k: h[2k]·16 + h[2k+1], then the four of them side by side */
	n = ((n << 4) | (n >> 8)) & 0x00ff00ff00ff00ffULL;
	n = (n | (n >> 8)) & 0x0000ffff0000ffffULL;
	w = (uint32_t)(n | (n >> 16));
	memcpy(out, &w, 4);
	return 1;
#else
	for (int i = 0; i < 8; i += 2) {
		if (bpack_hex[(unsigned char)h[i]] == 0 ||
		    bpack_hex[(unsigned char)h[i + 1]] == 0)
			return 0;
		out[i / 2] = bpack_byte(h + i);
	}
	return 1;
#endif
}

/* The d hex digits at hex (d even) into out: 0 when one of them is not a
 * lowercase hex digit. */
static int
bpack_unhex(const char *hex, size_t d, unsigned char *out)
{
	size_t i = 0;

	for (; i + 8 <= d; i += 8)
		if (!bpack_hex8(hex + i, out + i / 2))
			return 0;
	for (; i < d; i += 2) {
		if (bpack_hex[(unsigned char)hex[i]] == 0 ||
		    bpack_hex[(unsigned char)hex[i + 1]] == 0)
			return 0;
		out[i / 2] = bpack_byte(hex + i);
	}
	return 1;
}

/* s[from, to) copied to out + *o, when all of it may stand outside a run;
 * else -1 and *bad the first byte that may not. */
static int
bpack_plain_copy(const char *s, size_t from, size_t to, unsigned char *out,
    size_t *o, size_t *bad)
{
	for (size_t k = from; k < to; k++)
		if (!bpack_plain((unsigned char)s[k])) {
			*bad = k;
			return -1;
		}
	memcpy(out + *o, s + from, to - from);
	*o += to - from;
	return 0;
}

int
bpack_pack(
    const char *s, size_t n, unsigned char *out, size_t *outlen, struct err *e)
{
	size_t i = 0, o = 0, d, end, bad;
	const char *q;

	/* Every byte is either copied (and checked there) or in a run of hex
	 * digits, left to right: the first refused byte is the text's first. */
	out[o++] = BPACK_V1;
	while (i < n) {
		if (s[i] != '"') {
			/* up to the next string at once */
			q = memchr(s + i, '"', n - i);
			end = q != NULL ? (size_t)(q - s) : n;
		} else {
			/* the closing quote, unless escaped: then not hex
			 * anyway */
			q = memchr(s + i + 1, '"', n - i - 1);
			d = q != NULL ? (size_t)(q - (s + i + 1)) : 0;
			if (q != NULL && d > 0 && d % 2 == 0 &&
			    d <= 2 * BPACK_RUN_MAX &&
			    bpack_unhex(s + i + 1, d, out + o + 2)) {
				out[o] = BPACK_RUN;
				out[o + 1] = (unsigned char)(d / 2);
				o += 2 + d / 2;
				i += d + 2;
				continue;
			}
			/* any other string, as it is: its escapes may hide a
			 * quote */
			end = bpack_string_end(s, n, i);
		}
		if (bpack_plain_copy(s, i, end, out, &o, &bad) == -1)
			return err_set(e,
			    "bulletin : octet 0x%02x à la position %zu, hors "
			    "de la forme canonique",
			    (unsigned char)s[bad], bad);
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
