/* pv_draw.h: the page machinery of the PV on cairo + pango: A4 pages with
 * a running footer ("Page n / N"), wrapped paragraphs, section bands, and
 * tables whose rows never split and whose header row is repeated on each
 * page they continue on. Private to lib/pv*.c. The document is drawn twice:
 * once to count the pages (path NULL), once for real. */
#ifndef ISOLOIR_PV_DRAW_H
#define ISOLOIR_PV_DRAW_H

#include <cairo.h>
#include <pango/pangocairo.h>

#include "err.h"

#define PVD_PAGE_W 595.276   /* A4 in points */
#define PVD_PAGE_H 841.890
#define PVD_MARGIN 42.0      /* about 15 mm */
#define PVD_WIDTH (PVD_PAGE_W - 2 * PVD_MARGIN)
#define PVD_MAX_COLS 12

/* PVD_HEAD: table headers */
enum pvd_style { PVD_NORMAL, PVD_BOLD, PVD_SMALL, PVD_ITALIC, PVD_TITLE, PVD_MONO, PVD_HEAD };
enum pvd_align { PVD_LEFT, PVD_CENTER, PVD_RIGHT };

struct pvd_col {
	const char *title;        /* NULL in every column: no header row */
	double width;             /* fraction of the text width */
	enum pvd_align align;
	int kind;                 /* PVD_COL_* */
};

#define PVD_COL_PLAIN 0
#define PVD_COL_KEY 1             /* a form's label column: shaded */
#define PVD_COL_MONO 2            /* fingerprints */

struct pvd {
	cairo_surface_t *surf;
	cairo_t *cr;
	double y;
	int page, total;          /* total 0: unknown (first pass) */
	char footer[256];         /* which PV this page belongs to */
	const char *digest;       /* results fingerprint shown in the footer */
	/* the table being drawn, to repeat its header after a page break */
	const struct pvd_col *cols;
	size_t ncols;
};

int pvd_open(struct pvd *d, const char *path, int total, struct err *e);
/* Ends the last page; 0, or -1 if cairo reports an error (disk full...). */
int pvd_close(struct pvd *d, struct err *e);
void pvd_set_title(struct pvd *d, const char *title, const char *subject);

void pvd_new_page(struct pvd *d);
/* Start a new page unless h points still fit on this one. */
void pvd_need(struct pvd *d, double h);
void pvd_space(struct pvd *d, double h);

/* Text in a box of width w at x (absolute); returns its height. draw 0
 * only measures. */
double pvd_text_at(struct pvd *d, double x, double y, double w, const char *text,
    enum pvd_style st, enum pvd_align al, int draw);
/* A paragraph across the text width. */
void pvd_para(struct pvd *d, const char *text, enum pvd_style st, enum pvd_align al);
/* A shaded section band, kept with at least `keep` points of what follows. */
void pvd_heading(struct pvd *d, const char *text, double keep);
/* A boxed notice (quorum, all blank...), bold, framed. */
void pvd_notice(struct pvd *d, const char *text);

void pvd_table_begin(struct pvd *d, const struct pvd_col *cols, size_t n);
/* One row; strong: bold and shaded (totals, the elected); min_h for the
 * signature rows. */
void pvd_table_row(struct pvd *d, const char *const *cells, int strong, double min_h);
void pvd_table_end(struct pvd *d);

/* Drop pango's font map (pv_release); see pv_draw.c for why no more. */
void pvd_release_caches(void);

#endif
