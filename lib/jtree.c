/* jtree.c: the in-place JSON reader of jtree.h and its canonical writer.
 * Every rule here mirrors jansson 2.14 (load.c, dump.c) as used by the
 * rest of isoloir: what it refuses we refuse, what it writes we write. */
#include "config.h"

#include <errno.h>
#include <locale.h>
#include <math.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>

#include "jtree.h"

struct jparse {
	struct jtree *t;
	unsigned char *p, *end;
	struct err *e;
};

static jt_ref
jt_new(struct jtree *t, enum jt_type type)
{
	struct jt_node *n;

	if (t->count == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 64;
		if (cap > INT32_MAX ||
		    (n = realloc(t->n, cap * sizeof(*n))) == NULL)
			return JT_NONE;
		t->n = n;
		t->cap = cap;
	}
	n = &t->n[t->count];
	n->type = (uint8_t)type;
	n->len = 0;
	n->end = (uint32_t)t->count + 1;
	n->v.i = 0;
	return (jt_ref)t->count++;
}

void
jt_free(struct jtree *t)
{
	free(t->n);
	t->n = NULL;
	t->count = t->cap = 0;
}

/* ------------------------------------------------------------ reading */

static void
jp_ws(struct jparse *x)
{
	while (x->p < x->end && (*x->p == ' ' || *x->p == '\t' ||
	                            *x->p == '\n' || *x->p == '\r'))
		x->p++;
}

static int
jp_hex4(const unsigned char *p, const unsigned char *end)
{
	int v = 0;

	if (end - p < 4)
		return -1;
	for (int i = 0; i < 4; i++) {
		unsigned c = p[i];
		v <<= 4;
		if (c >= '0' && c <= '9')
			v += (int)(c - '0');
		else if (c >= 'a' && c <= 'f')
			v += (int)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			v += (int)(c - 'A' + 10);
		else
			return -1;
	}
	return v;
}

/* Length of the valid UTF-8 sequence at p (jansson's utf8_check_full:
 * no overlong form, no surrogate, at most U+10FFFF), 0 if invalid; *cp
 * gets the code point. */
static size_t
jt_utf8(const unsigned char *p, const unsigned char *end, uint32_t *cp)
{
	size_t n;
	uint32_t v;

	if (p[0] >= 0xC2 && p[0] <= 0xDF)
		n = 2, v = p[0] & 0x1F;
	else if (p[0] >= 0xE0 && p[0] <= 0xEF)
		n = 3, v = p[0] & 0x0F;
	else if (p[0] >= 0xF0 && p[0] <= 0xF4)
		n = 4, v = p[0] & 0x07;
	else
		return 0;
	if ((size_t)(end - p) < n)
		return 0;
	for (size_t i = 1; i < n; i++) {
		if ((p[i] & 0xC0) != 0x80)
			return 0;
		v = v << 6 | (p[i] & 0x3F);
	}
	if ((n == 3 && v < 0x800) || (n == 4 && v < 0x10000) || v > 0x10FFFF ||
	    (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	*cp = v;
	return n;
}

static size_t
jt_utf8_put(unsigned char *w, uint32_t cp)
{
	if (cp < 0x80) {
		w[0] = (unsigned char)cp;
		return 1;
	}
	if (cp < 0x800) {
		w[0] = (unsigned char)(0xC0 | cp >> 6);
		w[1] = (unsigned char)(0x80 | (cp & 0x3F));
		return 2;
	}
	if (cp < 0x10000) {
		w[0] = (unsigned char)(0xE0 | cp >> 12);
		w[1] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
		w[2] = (unsigned char)(0x80 | (cp & 0x3F));
		return 3;
	}
	w[0] = (unsigned char)(0xF0 | cp >> 18);
	w[1] = (unsigned char)(0x80 | (cp >> 12 & 0x3F));
	w[2] = (unsigned char)(0x80 | (cp >> 6 & 0x3F));
	w[3] = (unsigned char)(0x80 | (cp & 0x3F));
	return 4;
}

/* The string at x->p (on its quote), decoded in place: an escape is
 * always longer than what it stands for, so the writer never passes the
 * reader, and the NUL lands at the latest on the closing quote. */
static int
jp_string(struct jparse *x, jt_ref r)
{
	unsigned char *start = x->p + 1, *p = start, *end = x->end, *w;
	uint32_t cp;
	int h, lo;
	size_t n;

	/* the usual case (hex digits): nothing to decode or move */
	while (p < end && *p >= 0x20 && *p < 0x80 && *p != '"' && *p != '\\')
		p++;
	w = p;
	for (;;) {
		if (p >= end)
			return err_set(x->e, "JSON : chaîne non terminée");
		if (*p == '"')
			break;
		if (*p < 0x20)
			return err_set(x->e,
			    "JSON : caractère de contrôle dans une chaîne");
		if (*p >= 0x80) {
			if ((n = jt_utf8(p, end, &cp)) == 0)
				return err_set(x->e, "JSON : UTF-8 invalide");
			memmove(w, p, n);
			w += n;
			p += n;
			continue;
		}
		if (*p != '\\') {
			*w++ = *p++;
			continue;
		}
		if (end - p < 2)
			return err_set(x->e, "JSON : chaîne non terminée");
		switch (p[1]) {
		case '"':
		case '\\':
		case '/': *w++ = p[1]; break;
		case 'b': *w++ = '\b'; break;
		case 'f': *w++ = '\f'; break;
		case 'n': *w++ = '\n'; break;
		case 'r': *w++ = '\r'; break;
		case 't': *w++ = '\t'; break;
		case 'u': break;
		default: return err_set(x->e, "JSON : échappement invalide");
		}
		if (p[1] != 'u') {
			p += 2;
			continue;
		}
		if ((h = jp_hex4(p + 2, end)) < 0)
			return err_set(x->e, "JSON : échappement invalide");
		cp = (uint32_t)h;
		p += 6;
		if (cp >= 0xD800 && cp <= 0xDBFF) {
			/* a high surrogate must be followed by a low one */
			if (end - p < 2 || p[0] != '\\' || p[1] != 'u' ||
			    (lo = jp_hex4(p + 2, end)) < 0xDC00 || lo > 0xDFFF)
				return err_set(
				    x->e, "JSON : caractère Unicode invalide");
			cp = 0x10000 + ((cp - 0xD800) << 10) +
			     ((uint32_t)lo - 0xDC00);
			p += 6;
		} else if (cp >= 0xDC00 && cp <= 0xDFFF) {
			return err_set(
			    x->e, "JSON : caractère Unicode invalide");
		}
		if (cp == 0) /* jansson without JSON_ALLOW_NUL */
			return err_set(x->e, "JSON : \\u0000 refusé");
		w += jt_utf8_put(w, cp);
	}
	*w = '\0';
	x->t->n[r].v.s = (const char *)start;
	x->t->n[r].len = (uint32_t)(w - start);
	x->p = p + 1;
	return 0;
}

static locale_t jt_c_locale;
static pthread_once_t jt_c_once = PTHREAD_ONCE_INIT;

static void
jt_c_init(void)
{
	jt_c_locale = newlocale(LC_NUMERIC_MASK, "C", (locale_t)0);
}

/* jansson refuses a real only when strtod overflows (not on underflow). */
static int
jp_real_overflows(const unsigned char *s, size_t len)
{
	char *c = malloc(len + 1);
	double v;
	int over;

	if (c == NULL)
		return 1;
	memcpy(c, s, len);
	c[len] = '\0';
	pthread_once(&jt_c_once, jt_c_init);
	errno = 0;
	v = jt_c_locale != (locale_t)0 ? strtod_l(c, NULL, jt_c_locale)
	                               : strtod(c, NULL);
	over = (v == HUGE_VAL || v == -HUGE_VAL) && errno == ERANGE;
	free(c);
	return over;
}

#define JP_DIGIT(x) ((x)->p < (x)->end && *(x)->p >= '0' && *(x)->p <= '9')

/* One digit or more. */
static int
jp_digits(struct jparse *x)
{
	if (!JP_DIGIT(x))
		return err_set(x->e, "JSON : nombre invalide");
	while (JP_DIGIT(x))
		x->p++;
	return 0;
}

static int
jp_number(struct jparse *x, jt_ref r)
{
	unsigned char *s = x->p;
	char buf[24];
	int real = 0;
	long long v;

	if (*x->p == '-')
		x->p++;
	if (x->p < x->end && *x->p == '0')
		x->p++;
	else if (jp_digits(x) == -1)
		return -1;
	if (x->p < x->end && *x->p == '.') {
		x->p++;
		if (jp_digits(x) == -1)
			return -1;
		real = 1;
	}
	if (x->p < x->end && (*x->p == 'e' || *x->p == 'E')) {
		x->p++;
		if (x->p < x->end && (*x->p == '+' || *x->p == '-'))
			x->p++;
		if (jp_digits(x) == -1)
			return -1;
		real = 1;
	}
	if (real) {
		if (jp_real_overflows(s, (size_t)(x->p - s)))
			return err_set(x->e, "JSON : nombre trop grand");
		x->t->n[r].type = JT_REAL;
		return 0;
	}
	/* no leading zero: 20 characters hold every long long */
	if ((size_t)(x->p - s) >= sizeof(buf))
		return err_set(x->e, "JSON : entier trop grand");
	memcpy(buf, s, (size_t)(x->p - s));
	buf[x->p - s] = '\0';
	errno = 0;
	v = strtoll(buf, NULL, 10);
	if (errno == ERANGE)
		return err_set(x->e, "JSON : entier trop grand");
	x->t->n[r].v.i = v;
	return 0;
}

static int jp_value(struct jparse *x, unsigned depth);

/* Sort order of keys: jansson's (bytes, then length; keys hold no NUL). */
struct jt_key {
	const char *s;
	uint32_t len;
	jt_ref key;
};

static int
jt_key_cmp(const void *a, const void *b)
{
	const struct jt_key *k = a, *l = b;
	int c = memcmp(k->s, l->s, k->len < l->len ? k->len : l->len);

	return c != 0 ? c : (k->len > l->len) - (k->len < l->len);
}

/* The members' keys of object o, sorted; keys must hold len entries. */
static void
jt_keys(const struct jtree *t, jt_ref o, struct jt_key *keys)
{
	jt_ref k = o + 1;
	size_t m = t->n[o].len;

	for (size_t i = 0; i < m; i++) {
		keys[i].s = t->n[k].v.s;
		keys[i].len = t->n[k].len;
		keys[i].key = k;
		k = (jt_ref)t->n[k + 1].end;
	}
	if (m <= 16) {
		for (size_t i = 1; i < m; i++)
			for (size_t j = i;
			     j > 0 && jt_key_cmp(&keys[j - 1], &keys[j]) > 0;
			     j--) {
				struct jt_key tmp = keys[j];
				keys[j] = keys[j - 1];
				keys[j - 1] = tmp;
			}
	} else {
		qsort(keys, m, sizeof(*keys), jt_key_cmp);
	}
}

/* JSON_REJECT_DUPLICATES, in O(m log m) for the biggest objects. */
static int
jp_duplicates(struct jparse *x, jt_ref o)
{
	size_t m = x->t->n[o].len;
	struct jt_key small[16],
	    *keys = m <= 16 ? small : malloc(m * sizeof(*keys));
	int rc = 0;

	if (keys == NULL)
		return err_set(x->e, "JSON : mémoire insuffisante");
	jt_keys(x->t, o, keys);
	for (size_t i = 1; i < m; i++)
		if (jt_key_cmp(&keys[i - 1], &keys[i]) == 0) {
			rc = err_set(x->e, "JSON : clé en double");
			break;
		}
	if (keys != small)
		free(keys);
	return rc;
}

/* After '{' or '[': members or elements up to the closing bracket. */
static int
jp_container(struct jparse *x, jt_ref r, int object, unsigned depth)
{
	unsigned char close = object ? '}' : ']';
	uint32_t m = 0;
	jt_ref k;

	x->p++;
	jp_ws(x);
	if (x->p < x->end && *x->p == close) {
		x->p++;
		return 0;
	}
	for (;;) {
		if (object) {
			jp_ws(x);
			if (x->p >= x->end || *x->p != '"')
				return err_set(x->e, "JSON : clé attendue");
			if ((k = jt_new(x->t, JT_STRING)) == JT_NONE)
				return err_set(
				    x->e, "JSON : mémoire insuffisante");
			if (jp_string(x, k) == -1)
				return -1;
			jp_ws(x);
			if (x->p >= x->end || *x->p != ':')
				return err_set(x->e, "JSON : « : » attendu");
			x->p++;
		}
		if (jp_value(x, depth + 1) == -1)
			return -1;
		m++;
		jp_ws(x);
		if (x->p < x->end && *x->p == ',') {
			x->p++;
			continue;
		}
		if (x->p < x->end && *x->p == close) {
			x->p++;
			break;
		}
		return err_set(x->e, "JSON : « , » ou fin attendue");
	}
	x->t->n[r].len = m;
	x->t->n[r].end = (uint32_t)x->t->count;
	return object && m > 1 ? jp_duplicates(x, r) : 0;
}

static int
jp_literal(struct jparse *x, jt_ref r, const char *word, enum jt_type type)
{
	size_t n = strlen(word);

	if ((size_t)(x->end - x->p) < n || memcmp(x->p, word, n) != 0)
		return err_set(x->e, "JSON : valeur invalide");
	x->p += n;
	x->t->n[r].type = (uint8_t)type;
	return 0;
}

/* depth: 1 for the top value, as jansson counts (refused above 2048). */
static int
jp_value(struct jparse *x, unsigned depth)
{
	jt_ref r;

	if (depth > JT_MAX_DEPTH)
		return err_set(x->e, "JSON : imbrication trop profonde");
	jp_ws(x);
	if (x->p >= x->end)
		return err_set(x->e, "JSON : fin prématurée");
	if ((r = jt_new(x->t, JT_NULL)) == JT_NONE)
		return err_set(x->e, "JSON : mémoire insuffisante");
	switch (*x->p) {
	case '{':
		x->t->n[r].type = JT_OBJECT;
		return jp_container(x, r, 1, depth);
	case '[':
		x->t->n[r].type = JT_ARRAY;
		return jp_container(x, r, 0, depth);
	case '"': x->t->n[r].type = JT_STRING; return jp_string(x, r);
	case 't': return jp_literal(x, r, "true", JT_TRUE);
	case 'f': return jp_literal(x, r, "false", JT_FALSE);
	case 'n': return jp_literal(x, r, "null", JT_NULL);
	default:
		if (*x->p == '-' || (*x->p >= '0' && *x->p <= '9')) {
			x->t->n[r].type = JT_INTEGER;
			return jp_number(x, r);
		}
		return err_set(x->e, "JSON : valeur invalide");
	}
}

int
jt_parse(struct jtree *t, char *buf, size_t len, struct err *e)
{
	struct jparse x = {
	    t, (unsigned char *)buf, (unsigned char *)buf + len, e};

	memset(t, 0, sizeof(*t));
	jp_ws(&x);
	/* jansson without JSON_DECODE_ANY: an object or an array */
	if (x.p >= x.end || (*x.p != '{' && *x.p != '[')) {
		err_set(e, "JSON : objet ou tableau attendu");
		goto fail;
	}
	if (jp_value(&x, 1) == -1)
		goto fail;
	jp_ws(&x);
	if (x.p != x.end) {
		err_set(e, "JSON : données après la fin");
		goto fail;
	}
	return 0;
fail:
	jt_free(t);
	return -1;
}

/* ------------------------------------------------------------ json_t */

static int
jt_add_json(struct jtree *t, const json_t *j)
{
	static const enum jt_type types[] = {
	    [JSON_OBJECT] = JT_OBJECT,
	    [JSON_ARRAY] = JT_ARRAY,
	    [JSON_STRING] = JT_STRING,
	    [JSON_INTEGER] = JT_INTEGER,
	    [JSON_REAL] = JT_REAL,
	    [JSON_TRUE] = JT_TRUE,
	    [JSON_FALSE] = JT_FALSE,
	    [JSON_NULL] = JT_NULL,
	};
	jt_ref r = jt_new(t, types[json_typeof(j)]), k;
	const char *key;
	json_t *v;
	size_t i;

	if (r == JT_NONE)
		return -1;
	switch (json_typeof(j)) {
	case JSON_OBJECT:
		json_object_foreach((json_t *)j, key, v)
		{
			if ((k = jt_new(t, JT_STRING)) == JT_NONE)
				return -1;
			t->n[k].v.s = key;
			t->n[k].len = (uint32_t)strlen(key);
			if (jt_add_json(t, v) == -1)
				return -1;
		}
		t->n[r].len = (uint32_t)json_object_size(j);
		break;
	case JSON_ARRAY:
		json_array_foreach(
		    j, i, v) if (jt_add_json(t, v) == -1) return -1;
		t->n[r].len = (uint32_t)json_array_size(j);
		break;
	case JSON_STRING:
		t->n[r].v.s = json_string_value(j);
		t->n[r].len = (uint32_t)json_string_length(j);
		break;
	case JSON_INTEGER: t->n[r].v.i = json_integer_value(j); break;
	default: break;
	}
	t->n[r].end = (uint32_t)t->count;
	return 0;
}

int
jt_from_json(struct jtree *t, const json_t *j)
{
	memset(t, 0, sizeof(*t));
	if (j == NULL || jt_add_json(t, j) == -1) {
		jt_free(t);
		return -1;
	}
	return 0;
}

/* ------------------------------------------------------------ lookups */

static int
jt_type_of(const struct jtree *t, jt_ref r, enum jt_type type)
{
	return r >= 0 && (size_t)r < t->count && t->n[r].type == type;
}

int
jt_is(const struct jtree *t, jt_ref r, enum jt_type type)
{
	return jt_type_of(t, r, type);
}

jt_ref
jt_get(const struct jtree *t, jt_ref obj, const char *key)
{
	jt_ref k;

	if (!jt_type_of(t, obj, JT_OBJECT))
		return JT_NONE;
	k = obj + 1;
	for (size_t i = 0; i < t->n[obj].len; i++) {
		if (strcmp(t->n[k].v.s, key) == 0)
			return k + 1;
		k = (jt_ref)t->n[k + 1].end;
	}
	return JT_NONE;
}

jt_ref
jt_at(const struct jtree *t, jt_ref arr, size_t i)
{
	jt_ref r;

	if (!jt_type_of(t, arr, JT_ARRAY) || i >= t->n[arr].len)
		return JT_NONE;
	r = arr + 1;
	while (i-- > 0)
		r = (jt_ref)t->n[r].end;
	return r;
}

size_t
jt_array_size(const struct jtree *t, jt_ref r)
{
	return jt_type_of(t, r, JT_ARRAY) ? t->n[r].len : 0;
}

size_t
jt_object_size(const struct jtree *t, jt_ref r)
{
	return jt_type_of(t, r, JT_OBJECT) ? t->n[r].len : 0;
}

const char *
jt_string(const struct jtree *t, jt_ref r)
{
	return jt_type_of(t, r, JT_STRING) ? t->n[r].v.s : NULL;
}

long long
jt_integer(const struct jtree *t, jt_ref r)
{
	return jt_type_of(t, r, JT_INTEGER) ? t->n[r].v.i : 0;
}

/* ------------------------------------------------------------ writing */

struct jbuf {
	char *p;
	size_t len, cap;
	int fail;
};

static void
jb_put(struct jbuf *b, const char *s, size_t n)
{
	if (b->fail)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 4096;
		char *p;
		while (cap < b->len + n + 1)
			cap *= 2;
		if ((p = realloc(b->p, cap)) == NULL) {
			b->fail = 1;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
}

static void
jb_u16(struct jbuf *b, uint32_t u)
{
	static const char hex[] = "0123456789ABCDEF";
	char s[6] = {'\\', 'u', hex[u >> 12 & 15], hex[u >> 8 & 15],
	    hex[u >> 4 & 15], hex[u & 15]};

	jb_put(b, s, 6);
}

/* jansson's dump_string with JSON_ENSURE_ASCII: \" \\ and the short
 * escapes, \u00XX for other controls, \uXXXX (upper case, surrogate
 * pairs) beyond ASCII; '/' and DEL as they are. */
static void
jb_string(struct jbuf *b, const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t i = 0, run = 0, l;
	uint32_t cp;

	jb_put(b, "\"", 1);
	while (i < n) {
		unsigned char c = s[i];
		if (c >= 0x20 && c < 0x80 && c != '"' && c != '\\') {
			i++;
			continue;
		}
		jb_put(b, str + run, i - run);
		if (c >= 0x80) {
			if ((l = jt_utf8(s + i, s + n, &cp)) == 0) {
				b->fail = 1;
				return;
			}
			i += l;
			if (cp < 0x10000) {
				jb_u16(b, cp);
			} else {
				cp -= 0x10000;
				jb_u16(b, 0xD800 | cp >> 10);
				jb_u16(b, 0xDC00 | (cp & 0x3FF));
			}
		} else {
			switch (c) {
			case '"': jb_put(b, "\\\"", 2); break;
			case '\\': jb_put(b, "\\\\", 2); break;
			case '\b': jb_put(b, "\\b", 2); break;
			case '\f': jb_put(b, "\\f", 2); break;
			case '\n': jb_put(b, "\\n", 2); break;
			case '\r': jb_put(b, "\\r", 2); break;
			case '\t': jb_put(b, "\\t", 2); break;
			default: jb_u16(b, c); break;
			}
			i++;
		}
		run = i;
	}
	jb_put(b, str + run, i - run);
	jb_put(b, "\"", 1);
}

static void
jb_value(struct jbuf *b, const struct jtree *t, jt_ref r)
{
	const struct jt_node *n = &t->n[r];
	char num[32];

	switch (n->type) {
	case JT_OBJECT: {
		struct jt_key small[16],
		    *keys =
		        n->len <= 16 ? small : malloc(n->len * sizeof(*keys));
		if (keys == NULL) {
			b->fail = 1;
			return;
		}
		jt_keys(t, r, keys);
		jb_put(b, "{", 1);
		for (size_t i = 0; i < n->len; i++) {
			if (i > 0)
				jb_put(b, ",", 1);
			jb_string(b, keys[i].s, keys[i].len);
			jb_put(b, ":", 1);
			jb_value(b, t, keys[i].key + 1);
		}
		jb_put(b, "}", 1);
		if (keys != small)
			free(keys);
		break;
	}
	case JT_ARRAY: {
		jt_ref c = r + 1;
		jb_put(b, "[", 1);
		for (size_t i = 0; i < n->len; i++) {
			if (i > 0)
				jb_put(b, ",", 1);
			jb_value(b, t, c);
			c = (jt_ref)t->n[c].end;
		}
		jb_put(b, "]", 1);
		break;
	}
	case JT_STRING: jb_string(b, n->v.s, n->len); break;
	case JT_INTEGER:
		jb_put(
		    b, num, (size_t)snprintf(num, sizeof(num), "%lld", n->v.i));
		break;
	case JT_TRUE: jb_put(b, "true", 4); break;
	case JT_FALSE: jb_put(b, "false", 5); break;
	case JT_NULL: jb_put(b, "null", 4); break;
	default: b->fail = 1; break; /* JT_REAL: never in a valid ballot */
	}
}

char *
jt_canonical(const struct jtree *t, jt_ref r, size_t *len)
{
	struct jbuf b = {NULL, 0, 0, 0};

	if (r < 0 || (size_t)r >= t->count)
		return NULL;
	jb_value(&b, t, r);
	jb_put(&b, "", 0);
	if (b.fail || b.p == NULL) {
		free(b.p);
		return NULL;
	}
	b.p[b.len] = '\0';
	if (len != NULL)
		*len = b.len;
	return b.p;
}
