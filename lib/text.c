/* text.c: UTF-8 checks, Windows-1252 conversion, folding. */
#include "config.h"

#include <ctype.h>
#include <string.h>

#include "text.h"
#include "xmalloc.h"

int
text_ascii(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)s[i] >= 0x80)
			return 0;
	return 1;
}

int
text_utf8_valid(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0;

	while (i < n) {
		unsigned c = s[i], need, min, cp;
		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf)
			need = 1, min = 0x80, cp = c & 0x1f;
		else if (c >= 0xe0 && c <= 0xef)
			need = 2, min = 0x800, cp = c & 0x0f;
		else if (c >= 0xf0 && c <= 0xf4)
			need = 3, min = 0x10000, cp = c & 0x07;
		else
			return 0;
		for (unsigned k = 1; k <= need; k++) {
			if (i + k >= n || (s[i + k] & 0xc0) != 0x80)
				return 0;
			cp = cp << 6 | (s[i + k] & 0x3f);
		}
		if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
			return 0;
		i += need + 1;
	}
	return 1;
}

/* Windows-1252 0x80–0x9f (0 = undefined, kept as U+FFFD). */
static const unsigned short cp1252_high[32] = {
	0x20ac, 0, 0x201a, 0x0192, 0x201e, 0x2026, 0x2020, 0x2021, 0x02c6, 0x2030,
	0x0160, 0x2039, 0x0152, 0, 0x017d, 0, 0, 0x2018, 0x2019, 0x201c, 0x201d,
	0x2022, 0x2013, 0x2014, 0x02dc, 0x2122, 0x0161, 0x203a, 0x0153, 0, 0x017e, 0x0178,
};

static void
text_put_cp(struct buf *out, unsigned cp)
{
	char b[3];

	if (cp < 0x80) {
		buf_putc(out, (char)cp);
	} else if (cp < 0x800) {
		b[0] = (char)(0xc0 | cp >> 6);
		b[1] = (char)(0x80 | (cp & 0x3f));
		buf_append(out, b, 2);
	} else {
		b[0] = (char)(0xe0 | cp >> 12);
		b[1] = (char)(0x80 | ((cp >> 6) & 0x3f));
		b[2] = (char)(0x80 | (cp & 0x3f));
		buf_append(out, b, 3);
	}
}

void
text_cp1252_to_utf8(struct buf *out, const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned c = (unsigned char)s[i];
		if (c >= 0x80 && c < 0xa0)
			c = cp1252_high[c - 0x80] ? cp1252_high[c - 0x80] : 0xfffd;
		text_put_cp(out, c);
	}
}

/* One code point of valid UTF-8 at s; *n its length in bytes. */
static unsigned
text_next_cp(const unsigned char *s, size_t *n)
{
	if (s[0] < 0x80 || (s[1] & 0xc0) != 0x80)
		return *n = 1, s[0] < 0x80 ? s[0] : 0xfffd;
	if (s[0] < 0xe0)
		return *n = 2, (unsigned)(s[0] & 0x1f) << 6 | (s[1] & 0x3f);
	if (s[0] < 0xf0 && (s[2] & 0xc0) == 0x80)
		return *n = 3, (unsigned)(s[0] & 0x0f) << 12 | (unsigned)(s[1] & 0x3f) << 6 | (s[2] & 0x3f);
	for (*n = 1; (s[*n] & 0xc0) == 0x80; ++*n)
		;
	return 0xfffd;
}

static int
text_cp_to_cp1252(unsigned cp)
{
	if (cp < 0x80 || (cp >= 0xa0 && cp <= 0xff))
		return (int)cp;
	if (cp == 0x202f) /* narrow no-break space, before « : » etc. */
		return 0xa0;
	for (int i = 0; i < 32; i++)
		if (cp1252_high[i] == cp && cp != 0)
			return 0x80 + i;
	return -1;
}

int
text_utf8_to_cp1252(struct buf *out, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	int missing = 0;
	size_t n;

	while (*p != '\0') {
		int c = text_cp_to_cp1252(text_next_cp(p, &n));
		if (c == -1)
			missing++, c = '?';
		buf_putc(out, (char)c);
		p += n;
	}
	return missing;
}

/* ASCII base of a Latin-1 supplement / Latin Extended-A letter, or 0. */
static const char *
text_base(unsigned cp)
{
	static const char *const latin1[64] = {
		"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
		"d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "ss",
		"a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
		"d", "n", "o", "o", "o", "o", "o", NULL, "o", "u", "u", "u", "u", "y", "th", "y",
	};

	if (cp >= 0xc0 && cp <= 0xff)
		return latin1[cp - 0xc0];
	if (cp == 0x152 || cp == 0x153)
		return "oe";
	if (cp == 0x178)
		return "y";
	return NULL;
}

char *
text_fold(const char *str)
{
	const unsigned char *s = (const unsigned char *)str;
	struct buf b = BUF_INIT;
	char *out, *p, *end;

	while (*s != '\0') {
		unsigned cp = *s;
		size_t len = 1;
		if (cp >= 0xc0 && cp < 0xe0 && (s[1] & 0xc0) == 0x80) {
			cp = (cp & 0x1f) << 6 | (s[1] & 0x3f);
			len = 2;
		}
		const char *base = len == 2 ? text_base(cp) : NULL;
		if (base != NULL)
			buf_puts(&b, base);
		else if (len == 1 && (*s == ' ' || *s == '-' || *s == '_'))
			buf_putc(&b, '_');
		else if (len == 1)
			buf_putc(&b, (char)tolower(*s));
		else
			buf_append(&b, s, len);
		s += len;
	}
	out = buf_take(&b);
	/* trim the '_' that came from surrounding spaces */
	for (p = out; *p == '_'; p++)
		;
	memmove(out, p, strlen(p) + 1);
	end = out + strlen(out);
	while (end > out && end[-1] == '_')
		*--end = '\0';
	return out;
}

void
text_utf8_cut(char *s)
{
	size_t n = strlen(s), lead = n, need;

	/* back over at most 3 continuation bytes to the lead byte */
	while (lead > 0 && n - lead < 3 && ((unsigned char)s[lead - 1] & 0xc0) == 0x80)
		lead--;
	if (lead == 0 || (unsigned char)s[lead - 1] < 0xc0)
		return;
	lead--;
	need = (unsigned char)s[lead] >= 0xf0 ? 4 : (unsigned char)s[lead] >= 0xe0 ? 3 : 2;
	if (n - lead < need)
		s[lead] = '\0';
}
