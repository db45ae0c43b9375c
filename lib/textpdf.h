/* textpdf.h: a tiny PDF writer for one-page text documents (the
 * elector's receipt, R-VOTE-6) in the web worker, which has no cairo:
 * the standard Type 1 fonts (Helvetica, Helvetica-Bold, Courier) with
 * WinAnsiEncoding, so French accents print right without embedding any
 * font. Text only, positions in points from the bottom-left of an A4
 * page; the caller places its lines. */
#ifndef ISOLOIR_TEXTPDF_H
#define ISOLOIR_TEXTPDF_H

#include <stddef.h>

#include "buf.h"

#define TEXTPDF_WIDTH 595
#define TEXTPDF_HEIGHT 842

enum textpdf_font { TEXTPDF_REGULAR, TEXTPDF_BOLD, TEXTPDF_MONO };

struct textpdf {
	struct buf content; /* the page's content stream */
};

void textpdf_init(struct textpdf *p);
/* One line of UTF-8 text at (x, y); characters outside Windows-1252 print
 * as '?'. Returns how many did. */
int textpdf_text(struct textpdf *p, enum textpdf_font f, int size, int x, int y,
    const char *utf8);
/* A horizontal rule from x0 to x1 at y. */
void textpdf_rule(struct textpdf *p, int x0, int x1, int y);
/* The whole file (caller frees), its length in *len; p is reset. title
 * (UTF-8) goes to the document information. */
char *textpdf_finish(struct textpdf *p, const char *title, size_t *len);

#endif
