/* pv_draw.c: A4 pages, paragraphs and tables of the PV with cairo + pango
 * (see pv_draw.h). Text is set as plain text, never as pango markup, so a
 * list or candidate name cannot change the layout. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include <cairo-pdf.h>

#include "pv_draw.h"

#define PVD_FOOTER_H 30.0
#define PVD_BOTTOM (PVD_PAGE_H - PVD_MARGIN - PVD_FOOTER_H)
#define PVD_PAD 3.0

/* The first pass only counts pages: its PDF goes nowhere. */
static cairo_status_t
pvd_discard(void *closure, const unsigned char *data, unsigned int len)
{
	return CAIRO_STATUS_SUCCESS;
}

int
pvd_open(struct pvd *d, const char *path, int total, struct err *e)
{
	memset(d, 0, sizeof(*d));
	d->total = total;
	if (path != NULL)
		d->surf = cairo_pdf_surface_create(path, PVD_PAGE_W, PVD_PAGE_H);
	else
		d->surf = cairo_pdf_surface_create_for_stream(pvd_discard, NULL, PVD_PAGE_W, PVD_PAGE_H);
	if (cairo_surface_status(d->surf) != CAIRO_STATUS_SUCCESS) {
		err_set(e, "%s : %s", path ? path : "PDF", cairo_status_to_string(cairo_surface_status(d->surf)));
		cairo_surface_destroy(d->surf);
		d->surf = NULL;
		return -1;
	}
	d->cr = cairo_create(d->surf);
	return 0;
}

int
pvd_close(struct pvd *d, struct err *e)
{
	cairo_status_t st;

	if (d->page > 0)
		cairo_show_page(d->cr);
	cairo_destroy(d->cr);
	cairo_surface_finish(d->surf);
	st = cairo_surface_status(d->surf);
	cairo_surface_destroy(d->surf);
	d->cr = NULL;
	d->surf = NULL;
	if (st != CAIRO_STATUS_SUCCESS)
		return err_set(e, "PDF : %s", cairo_status_to_string(st));
	return 0;
}

void
pvd_set_title(struct pvd *d, const char *title, const char *subject)
{
	cairo_pdf_surface_set_metadata(d->surf, CAIRO_PDF_METADATA_TITLE, title);
	cairo_pdf_surface_set_metadata(d->surf, CAIRO_PDF_METADATA_SUBJECT, subject);
	cairo_pdf_surface_set_metadata(d->surf, CAIRO_PDF_METADATA_CREATOR, "isoloir");
}

static PangoFontDescription *
pvd_font(enum pvd_style st)
{
	static const struct { const char *desc; } f[] = {
		[PVD_NORMAL] = { "DejaVu Sans 9" },
		[PVD_BOLD] = { "DejaVu Sans Bold 9" },
		[PVD_SMALL] = { "DejaVu Sans 7" },
		[PVD_ITALIC] = { "DejaVu Sans Oblique 8" },
		[PVD_TITLE] = { "DejaVu Sans Bold 13" },
		[PVD_MONO] = { "DejaVu Sans Mono 6.5" },
		[PVD_HEAD] = { "DejaVu Sans Bold 7.5" },
	};

	return pango_font_description_from_string(f[st].desc);
}

double
pvd_text_at(struct pvd *d, double x, double y, double w, const char *text,
    enum pvd_style st, enum pvd_align al, int draw)
{
	static const PangoAlignment pa[] = { PANGO_ALIGN_LEFT, PANGO_ALIGN_CENTER, PANGO_ALIGN_RIGHT };
	PangoContext *ctx = pango_cairo_create_context(d->cr);
	PangoLayout *l;
	PangoFontDescription *f = pvd_font(st);
	int pw, ph;

	/* 1 point = 1 unit: sizes in pvd_font() are real points */
	pango_cairo_context_set_resolution(ctx, 72);
	l = pango_layout_new(ctx);

	pango_layout_set_font_description(l, f);
	pango_layout_set_width(l, (int)(w * PANGO_SCALE));
	pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
	pango_layout_set_alignment(l, pa[al]);
	pango_layout_set_text(l, text, -1);
	pango_layout_get_size(l, &pw, &ph);
	if (draw) {
		cairo_move_to(d->cr, x, y);
		pango_cairo_show_layout(d->cr, l);
	}
	pango_font_description_free(f);
	g_object_unref(l);
	g_object_unref(ctx);
	return (double)ph / PANGO_SCALE;
}

static void
pvd_footer(struct pvd *d)
{
	char pages[64], fp[128];
	double y = PVD_PAGE_H - PVD_MARGIN - PVD_FOOTER_H + 8;

	if (d->total > 0)
		snprintf(pages, sizeof(pages), "Page %d / %d", d->page, d->total);
	else
		snprintf(pages, sizeof(pages), "Page %d", d->page);
	snprintf(fp, sizeof(fp), "Empreinte SHA-256 des résultats : %s", d->digest ? d->digest : "");
	cairo_set_line_width(d->cr, 0.5);
	cairo_move_to(d->cr, PVD_MARGIN, y - 3);
	cairo_line_to(d->cr, PVD_PAGE_W - PVD_MARGIN, y - 3);
	cairo_stroke(d->cr);
	pvd_text_at(d, PVD_MARGIN, y, PVD_WIDTH * 0.8, d->footer, PVD_SMALL, PVD_LEFT, 1);
	pvd_text_at(d, PVD_MARGIN + PVD_WIDTH * 0.8, y, PVD_WIDTH * 0.2, pages, PVD_BOLD, PVD_RIGHT, 1);
	/* documents without a results fingerprint (letters) print none */
	if (d->digest != NULL)
		pvd_text_at(d, PVD_MARGIN, y + 10, PVD_WIDTH, fp, PVD_MONO, PVD_LEFT, 1);
}

void
pvd_new_page(struct pvd *d)
{
	if (d->page > 0)
		cairo_show_page(d->cr);
	d->page++;
	d->y = PVD_MARGIN;
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	pvd_footer(d);
}

void
pvd_need(struct pvd *d, double h)
{
	if (d->page == 0 || d->y + h > PVD_BOTTOM)
		pvd_new_page(d);
}

void
pvd_space(struct pvd *d, double h)
{
	d->y += h;
}

void
pvd_para(struct pvd *d, const char *text, enum pvd_style st, enum pvd_align al)
{
	double h = pvd_text_at(d, PVD_MARGIN, d->y, PVD_WIDTH, text, st, al, 0);

	pvd_need(d, h);
	pvd_text_at(d, PVD_MARGIN, d->y, PVD_WIDTH, text, st, al, 1);
	d->y += h + 2;
}

void
pvd_heading(struct pvd *d, const char *text, double keep)
{
	double h = pvd_text_at(d, PVD_MARGIN + 4, 0, PVD_WIDTH - 8, text, PVD_BOLD, PVD_LEFT, 0) + 2 * PVD_PAD;

	pvd_need(d, h + keep + 6);
	d->y += 6;
	cairo_set_source_rgb(d->cr, 0.85, 0.87, 0.92);
	cairo_rectangle(d->cr, PVD_MARGIN, d->y, PVD_WIDTH, h);
	cairo_fill(d->cr);
	cairo_set_source_rgb(d->cr, 0, 0, 0);
	pvd_text_at(d, PVD_MARGIN + 4, d->y + PVD_PAD, PVD_WIDTH - 8, text, PVD_BOLD, PVD_LEFT, 1);
	d->y += h + 4;
}

void
pvd_notice(struct pvd *d, const char *text)
{
	double h = pvd_text_at(d, PVD_MARGIN + 6, 0, PVD_WIDTH - 12, text, PVD_BOLD, PVD_LEFT, 0) + 2 * PVD_PAD + 2;

	pvd_need(d, h + 4);
	cairo_set_line_width(d->cr, 1.2);
	cairo_rectangle(d->cr, PVD_MARGIN, d->y, PVD_WIDTH, h);
	cairo_stroke(d->cr);
	pvd_text_at(d, PVD_MARGIN + 6, d->y + PVD_PAD + 1, PVD_WIDTH - 12, text, PVD_BOLD, PVD_LEFT, 1);
	d->y += h + 4;
}

/* Row kinds: the header repeats on each page; totals are shaded. */
enum pvd_row { PVD_ROW_PLAIN, PVD_ROW_TOTAL, PVD_ROW_HEAD };

static enum pvd_style
pvd_cell_style(const struct pvd *d, size_t i, enum pvd_row kind)
{
	if (kind == PVD_ROW_HEAD)
		return PVD_HEAD;
	if (kind == PVD_ROW_TOTAL)
		return PVD_BOLD;
	return d->cols[i].kind == PVD_COL_MONO ? PVD_MONO : PVD_NORMAL;
}

/* Height of a row: its tallest cell. */
static double
pvd_row_height(struct pvd *d, const char *const *cells, enum pvd_row kind)
{
	double h = 0;

	for (size_t i = 0; i < d->ncols; i++) {
		double w = d->cols[i].width * PVD_WIDTH - 2 * PVD_PAD;
		double ch = pvd_text_at(d, 0, 0, w, cells[i] ? cells[i] : "", pvd_cell_style(d, i, kind),
		    d->cols[i].align, 0);
		if (ch > h)
			h = ch;
	}
	return h + 2 * PVD_PAD;
}

static void
pvd_cell_fill(struct pvd *d, double x, double w, double h, double grey)
{
	cairo_set_source_rgb(d->cr, grey, grey, grey);
	cairo_rectangle(d->cr, x, d->y, w, h);
	cairo_fill(d->cr);
	cairo_set_source_rgb(d->cr, 0, 0, 0);
}

static void
pvd_row_draw(struct pvd *d, const char *const *cells, enum pvd_row kind, double h)
{
	double x = PVD_MARGIN;

	cairo_set_line_width(d->cr, 0.5);
	for (size_t i = 0; i < d->ncols; i++) {
		double w = d->cols[i].width * PVD_WIDTH;
		enum pvd_align al = kind == PVD_ROW_HEAD ? PVD_CENTER : d->cols[i].align;
		if (kind != PVD_ROW_PLAIN)
			pvd_cell_fill(d, x, w, h, 0.90);
		else if (d->cols[i].kind == PVD_COL_KEY)
			pvd_cell_fill(d, x, w, h, 0.96);
		cairo_rectangle(d->cr, x, d->y, w, h);
		cairo_stroke(d->cr);
		pvd_text_at(d, x + PVD_PAD, d->y + PVD_PAD, w - 2 * PVD_PAD, cells[i] ? cells[i] : "",
		    pvd_cell_style(d, i, kind), al, 1);
		x += w;
	}
	d->y += h;
}

/* Draws the header row if the table has one; returns its height. */
static double
pvd_table_header(struct pvd *d, int draw)
{
	const char *titles[PVD_MAX_COLS];
	double h;

	if (d->cols[0].title == NULL)
		return 0;
	for (size_t i = 0; i < d->ncols; i++)
		titles[i] = d->cols[i].title;
	h = pvd_row_height(d, titles, PVD_ROW_HEAD);
	if (draw)
		pvd_row_draw(d, titles, PVD_ROW_HEAD, h);
	return h;
}

void
pvd_table_begin(struct pvd *d, const struct pvd_col *cols, size_t n)
{
	d->cols = cols;
	d->ncols = n < PVD_MAX_COLS ? n : PVD_MAX_COLS;
	/* the header and at least one row on the same page */
	pvd_need(d, pvd_table_header(d, 0) + 24);
	pvd_table_header(d, 1);
}

void
pvd_table_row(struct pvd *d, const char *const *cells, int total, double min_h)
{
	enum pvd_row kind = total ? PVD_ROW_TOTAL : PVD_ROW_PLAIN;
	double h = pvd_row_height(d, cells, kind);

	if (h < min_h)
		h = min_h;
	if (d->y + h > PVD_BOTTOM) {
		pvd_new_page(d);
		pvd_table_header(d, 1);
	}
	pvd_row_draw(d, cells, kind, h);
}

void
pvd_table_end(struct pvd *d)
{
	d->cols = NULL;
	d->ncols = 0;
	d->y += 4;
}

/* Only pango's font map is dropped. FcFini() and
 * cairo_debug_reset_static_data() are never called: pango 1.50 runs
 * fontconfig queries (font sorts) in a background thread per font map that
 * outlives the map, so freeing fontconfig's data under it can crash a
 * program that goes on (the console after its letters, seen once in CI).
 * What fontconfig and cairo keep stays reachable from their globals, so
 * the leak checker does not report it. */
void
pvd_release_caches(void)
{
	pango_cairo_font_map_set_default(NULL);
}
