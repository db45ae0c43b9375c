/* textpdf.c: the PDF objects of a one-page text document (textpdf.h):
 * catalog, pages, page, three standard fonts, content stream, info; the
 * cross-reference table is built from the offsets as objects are written. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "text.h"
#include "textpdf.h"

static const char *const fonts[] = {"Helvetica", "Helvetica-Bold", "Courier"};

void
textpdf_init(struct textpdf *p)
{
	struct buf b = BUF_INIT;

	p->content = b;
}

/* A PDF literal string from Windows-1252 bytes: ( ) \ escaped, control
 * characters dropped. */
static void
textpdf_literal(struct buf *out, const char *cp1252, size_t n)
{
	buf_putc(out, '(');
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)cp1252[i];
		if (c < 0x20)
			continue;
		if (c == '(' || c == ')' || c == '\\')
			buf_putc(out, '\\');
		buf_putc(out, (char)c);
	}
	buf_putc(out, ')');
}

int
textpdf_text(struct textpdf *p, enum textpdf_font f, int size, int x, int y,
    const char *utf8)
{
	struct buf w = BUF_INIT;
	int missing = text_utf8_to_cp1252(&w, utf8);

	buf_printf(
	    &p->content, "BT /F%d %d Tf %d %d Td ", (int)f + 1, size, x, y);
	textpdf_literal(&p->content, w.data != NULL ? w.data : "", w.len);
	buf_puts(&p->content, " Tj ET\n");
	buf_free(&w);
	return missing;
}

void
textpdf_rule(struct textpdf *p, int x0, int x1, int y)
{
	buf_printf(&p->content, "0.5 w %d %d m %d %d l S\n", x0, y, x1, y);
}

/* Start object n: its offset goes to the cross-reference table. */
static void
textpdf_obj(struct buf *out, size_t *offsets, int n)
{
	offsets[n] = out->len;
	buf_printf(out, "%d 0 obj\n", n);
}

char *
textpdf_finish(struct textpdf *p, const char *title, size_t *len)
{
	struct buf out = BUF_INIT, t = BUF_INIT;
	size_t off[9], xref;
	int n;

	/* the binary comment line tells transfer tools this is not text */
	buf_puts(&out, "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n");
	textpdf_obj(&out, off, 1);
	buf_puts(&out, "<< /Type /Catalog /Pages 2 0 R >>\nendobj\n");
	textpdf_obj(&out, off, 2);
	buf_puts(&out, "<< /Type /Pages /Kids [3 0 R] /Count 1 >>\nendobj\n");
	textpdf_obj(&out, off, 3);
	buf_printf(&out,
	    "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d %d] /Resources << "
	    "/Font"
	    " << /F1 4 0 R /F2 5 0 R /F3 6 0 R >> >> /Contents 7 0 R "
	    ">>\nendobj\n",
	    TEXTPDF_WIDTH, TEXTPDF_HEIGHT);
	for (n = 0; n < 3; n++) {
		textpdf_obj(&out, off, 4 + n);
		buf_printf(&out,
		    "<< /Type /Font /Subtype /Type1 /BaseFont /%s /Encoding"
		    " /WinAnsiEncoding >>\nendobj\n",
		    fonts[n]);
	}
	textpdf_obj(&out, off, 7);
	buf_printf(&out, "<< /Length %zu >>\nstream\n", p->content.len);
	buf_append(&out, p->content.data != NULL ? p->content.data : "",
	    p->content.len);
	buf_puts(&out, "endstream\nendobj\n");
	textpdf_obj(&out, off, 8);
	text_utf8_to_cp1252(&t, title);
	buf_puts(&out, "<< /Title ");
	textpdf_literal(&out, t.data != NULL ? t.data : "", t.len);
	buf_puts(&out, " /Producer (isoloir) >>\nendobj\n");
	xref = out.len;
	buf_puts(&out, "xref\n0 9\n0000000000 65535 f \n");
	for (n = 1; n < 9; n++)
		buf_printf(&out, "%010zu 00000 n \n", off[n]);
	buf_printf(&out,
	    "trailer\n<< /Size 9 /Root 1 0 R /Info 8 0 R "
	    ">>\nstartxref\n%zu\n%%%%EOF\n",
	    xref);
	buf_free(&t);
	buf_free(&p->content);
	*len = out.len;
	return buf_take(&out);
}
