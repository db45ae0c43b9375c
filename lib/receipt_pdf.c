/* receipt_pdf.c: the receipt as a one-page PDF (R-VOTE-6): operation,
 * scrutin, date and time in Europe/Paris, tracker (or why there is none),
 * the platform's signature and the exact signed text, never the choice. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "receipt.h"
#include "textpdf.h"
#include "xmalloc.h"

#define RP_LEFT 56
#define RP_RIGHT (TEXTPDF_WIDTH - 56)

static const char *const months[] = {"janvier", "février", "mars", "avril",
    "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
    "décembre"};

void
receipt_when_fr(const char *iso, char *out, size_t cap)
{
	struct tm tm, p;
	time_t t;

	memset(&tm, 0, sizeof(tm));
	if (sscanf(iso, "%4d-%2d-%2dT%2d:%2d:%2dZ", &tm.tm_year, &tm.tm_mon,
	        &tm.tm_mday, &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6 ||
	    tm.tm_mon < 1 || tm.tm_mon > 12) {
		snprintf(out, cap, "%s", iso);
		return;
	}
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	t = timegm(&tm);
	calendar_paris((int64_t)t, &p);
	snprintf(out, cap,
	    "le %d %s %d à %d h %02d min %02d s (heure de Paris)", p.tm_mday,
	    months[p.tm_mon], p.tm_year + 1900, p.tm_hour, p.tm_min, p.tm_sec);
}

/* Bytes of the first `chars` UTF-8 characters of s (all of s if shorter). */
static size_t
receipt_pdf_prefix(const char *s, size_t chars)
{
	size_t i = 0;

	for (; s[i] != '\0' && chars > 0; chars--)
		for (i++; ((unsigned char)s[i] & 0xc0) == 0x80; i++)
			;
	return i;
}

/* Lines of at most `width` characters, cut at a space when there is one
 * (hard otherwise: a tracker or a signature has none); y moves down. */
static void
receipt_pdf_para(struct textpdf *p, enum textpdf_font f, int size, int *y,
    const char *s, size_t width)
{
	while (*s != '\0') {
		size_t n = receipt_pdf_prefix(s, width), cut = n;
		char *line;
		if (s[n] != '\0' && f != TEXTPDF_MONO)
			for (size_t i = n; i > 0; i--)
				if (s[i] == ' ') {
					cut = i;
					break;
				}
		line = xstrndup(s, cut);
		textpdf_text(p, f, size, RP_LEFT, *y, line);
		free(line);
		*y -= size + size / 3;
		s += cut;
		while (*s == ' ')
			s++;
	}
}

static void
receipt_pdf_field(
    struct textpdf *p, int *y, const char *label, const char *value)
{
	textpdf_text(p, TEXTPDF_BOLD, 11, RP_LEFT, *y, label);
	*y -= 15;
	receipt_pdf_para(p, TEXTPDF_REGULAR, 11, y, value, 85);
	*y -= 8;
}

static void
receipt_pdf_tracker(struct textpdf *p, int *y, const char *tracker)
{
	char grouped[96] = "";

	if (*tracker == '\0') {
		receipt_pdf_field(p, y, "Empreinte du bulletin chiffré",
		    "Non conservée par la plateforme, "
		    "pour le secret du vote : elle figure sur l'accusé de "
		    "réception délivré au moment du vote.");
		return;
	}
	for (size_t i = 0;
	     tracker[i] != '\0' && strlen(grouped) + 10 < sizeof(grouped);
	     i += 8)
		snprintf(grouped + strlen(grouped),
		    sizeof(grouped) - strlen(grouped), "%s%.8s",
		    i > 0 ? " " : "", tracker + i);
	textpdf_text(
	    p, TEXTPDF_BOLD, 11, RP_LEFT, *y, "Empreinte du bulletin chiffré");
	*y -= 16;
	receipt_pdf_para(p, TEXTPDF_MONO, 10, y, grouped, 72);
	receipt_pdf_para(p, TEXTPDF_REGULAR, 10, y,
	    "Elle permet de retrouver votre bulletin chiffré "
	    "dans l'urne publiée après le dépouillement (page « Vérifier mon "
	    "bulletin »).",
	    95);
	*y -= 8;
}

char *
receipt_pdf(const struct receipt *r, const char *operation_name,
    const char *sig, size_t *len)
{
	struct textpdf p;
	char when[128], *canon = receipt_canonical(r), *line, *save = NULL;
	int y = 780;

	textpdf_init(&p);
	textpdf_text(&p, TEXTPDF_REGULAR, 10, RP_LEFT, y, operation_name);
	y -= 30;
	textpdf_text(&p, TEXTPDF_BOLD, 18, RP_LEFT, y,
	    "Accusé de réception de votre vote");
	y -= 14;
	textpdf_rule(&p, RP_LEFT, RP_RIGHT, y);
	y -= 24;
	receipt_pdf_field(&p, &y, "Scrutin", r->scrutin);
	receipt_when_fr(r->voted_at, when, sizeof(when));
	receipt_pdf_field(&p, &y, "Date et heure", when);
	receipt_pdf_tracker(&p, &y, r->tracker);
	textpdf_text(&p, TEXTPDF_BOLD, 11, RP_LEFT, y,
	    "Signature de la plateforme (ECDSA P-256, SHA-256)");
	y -= 15;
	receipt_pdf_para(&p, TEXTPDF_MONO, 9, &y, sig, 88);
	y -= 8;
	textpdf_text(&p, TEXTPDF_BOLD, 11, RP_LEFT, y,
	    "Texte signé (docs/protocol.md, « Receipts »)");
	y -= 14;
	for (line = strtok_r(canon, "\n", &save); line != NULL;
	     line = strtok_r(NULL, "\n", &save))
		receipt_pdf_para(&p, TEXTPDF_MONO, 8, &y, line, 100);
	y -= 4;
	textpdf_rule(&p, RP_LEFT, RP_RIGHT, y);
	y -= 20;
	receipt_pdf_para(&p, TEXTPDF_BOLD, 11, &y,
	    "Cet accusé ne contient pas votre choix : le vote "
	    "est secret.",
	    85);
	free(canon);
	return textpdf_finish(&p, "Accusé de réception de vote", len);
}
