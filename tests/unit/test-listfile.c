/* test-listfile.c: the checks of the lists' logos and professions de foi
 * (R-VOTE-2, R-VOTE-9): by content, not name; sizes capped; an SVG with
 * anything that could run or fetch refused, an ordinary one accepted. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "cu.h"
#include "listfile.h"

static int
svg(const char *text, struct err *e)
{
	const char *type = NULL;
	int rc = listfile_check(LISTFILE_LOGO, "logo.svg",
	    (const unsigned char *)text, strlen(text), &type, e);

	if (rc == 0)
		CU_ASSERT_STRING_EQUAL(type, "image/svg+xml");
	return rc;
}

static void
test_png_and_pdf_by_magic_bytes(void)
{
	static const unsigned char png[] = {
	    0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n', 0, 0};
	const char *type = NULL;
	struct err e;

	CU_ASSERT_EQUAL(
	    listfile_check(LISTFILE_LOGO, "a.png", png, sizeof(png), &type, &e),
	    0);
	CU_ASSERT_STRING_EQUAL(type, "image/png");
	CU_ASSERT_EQUAL(listfile_check(LISTFILE_LOGO, "a.png",
	                    (const unsigned char *)"GIF89a..", 8, &type, &e),
	    -1);
	CU_ASSERT_STRING_EQUAL(
	    e.msg, "fichier « a.png » : ce n'est pas une image PNG");
	CU_ASSERT_EQUAL(listfile_check(LISTFILE_PROFESSION, "p.pdf",
	                    (const unsigned char *)"%PDF-1.7", 8, &type, &e),
	    0);
	CU_ASSERT_STRING_EQUAL(type, "application/pdf");
	/* a PNG named .pdf is not a profession de foi */
	CU_ASSERT_EQUAL(listfile_check(LISTFILE_PROFESSION, "p.pdf", png,
	                    sizeof(png), &type, &e),
	    -1);
	CU_ASSERT_EQUAL(
	    listfile_check(LISTFILE_LOGO, "a.png", png, 0, &type, &e), -1);
}

static void
test_sizes_capped(void)
{
	unsigned char *big = calloc(1, LISTFILE_PDF_MAX + 1);
	const char *type = NULL;
	struct err e;

	memcpy(big, "%PDF-", 5);
	CU_ASSERT_EQUAL(listfile_check(LISTFILE_PROFESSION, "p.pdf", big,
	                    LISTFILE_PDF_MAX, &type, &e),
	    0);
	CU_ASSERT_EQUAL(listfile_check(LISTFILE_PROFESSION, "p.pdf", big,
	                    LISTFILE_PDF_MAX + 1, &type, &e),
	    -1);
	CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "trop gros, 4096 Kio au plus"));
	CU_ASSERT_EQUAL(listfile_check(LISTFILE_LOGO, "a.svg", big,
	                    LISTFILE_LOGO_MAX + 1, &type, &e),
	    -1);
	free(big);
}

static void
test_svg_ordinary_accepted(void)
{
	struct err e;

	CU_ASSERT_EQUAL(svg("<?xml version=\"1.0\"?>\n<svg "
	                    "xmlns=\"http://www.w3.org/2000/svg\" "
	                    "viewBox=\"0 0 10 10\"><defs><linearGradient "
	                    "id=\"g\"/></defs><rect id=\"r\" fill=\"url(#g)\" "
	                    "opacity=\"0.5\" width=\"10\" height=\"10\"/><use "
	                    "href=\"#r\"/><text font-family=\"sans\">"
	                    "Liste « commune »</text></svg>",
	                    &e),
	    0);
}

static void
test_svg_anything_active_refused(void)
{
	static const char *const bad[] = {
	    "<svg><script>alert(1)</script></svg>",
	    "<svg><SCRIPT xlink:href=\"#x\"/></svg>",
	    "<svg onload=\"alert(1)\"></svg>",
	    "<svg><rect\tONCLICK = 'x'/></svg>",
	    "<svg><a href=\"javascript:alert(1)\"><rect/></a></svg>",
	    "<svg><a xlink:href=\"https://example.org\"><rect/></a></svg>",
	    "<svg><image href=\"logo.png\"/></svg>",
	    "<svg><rect fill=\"url(https://example.org/x)\"/></svg>",
	    "<svg><style>@import 'x.css';</style></svg>",
	    "<!DOCTYPE svg [<!ENTITY a \"b\">]><svg/>",
	    "<svg><foreignObject><p>x</p></foreignObject></svg>",
	    "<svg><use href=\"other.svg#a\"/></svg>",
	    "<svg><rect fill=\"url( 'data:x')\"/></svg>",
	    "<?xml-stylesheet href=\"https://example.org/s.css\"?><svg/>",
	    "<svg><set attributeName=\"onclick\" to=\"alert(1)\"/></svg>",
	    /* element prefixes bound to the SVG or XHTML namespace */
	    "<svg xmlns:s=\"http://www.w3.org/2000/svg\"><s:script>alert(1)</s:script></svg>",
	    "<svg><svg:foreignObject><p>x</p></svg:foreignObject></svg>",
	    "<svg><h:iframe xmlns:h=\"http://www.w3.org/1999/xhtml\"/></svg>",
	    /* found by fuzz-listfile: dropping a "prefix" must not hide what
	     * the text says as written */
	    "<svg><circjavascript:cy=\"30\"/></svg>",
	    "<html><body>no svg here</body></html>",
	};
	struct err e;

	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		CU_ASSERT_EQUAL(svg(bad[i], &e), -1);
		CU_ASSERT_PTR_NOT_NULL(strstr(e.msg, "fichier « logo.svg » :"));
	}
	CU_ASSERT_EQUAL(listfile_check(LISTFILE_LOGO, "logo.svg",
	                    (const unsigned char *)"<svg>\xff</svg>", 12,
	                    &(const char *){NULL}, &e),
	    -1);
	CU_ASSERT_STRING_EQUAL(
	    e.msg, "fichier « logo.svg » : SVG illisible (UTF-8 attendu)");
}

static CU_TestInfo tests[] = {
    {"PNG and PDF by magic bytes", test_png_and_pdf_by_magic_bytes},
    {"sizes capped", test_sizes_capped},
    {"SVG ordinary accepted", test_svg_ordinary_accepted},
    {"SVG anything active refused", test_svg_anything_active_refused},
    CU_TEST_INFO_NULL,
};

int
main(void)
{
	return cu_run("listfile", tests);
}
