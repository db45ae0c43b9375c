/* test-buf.c: growable buffer and HTML escaping. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "buf.h"
#include "cu.h"

static void
test_buf_grows_and_stays_terminated(void)
{
	struct buf b = BUF_INIT;
	char *s;

	for (int i = 0; i < 1000; i++)
		buf_printf(&b, "%d,", i % 10);
	CU_ASSERT_EQUAL(b.len, 2000);
	CU_ASSERT_EQUAL(b.data[b.len], '\0');
	CU_ASSERT_EQUAL(strncmp(b.data, "0,1,2,", 6), 0);
	s = buf_take(&b);
	CU_ASSERT_PTR_NULL(b.data);
	CU_ASSERT_EQUAL(strlen(s), 2000);
	free(s);
}

static void
test_buf_html_escapes_markup(void)
{
	struct buf b = BUF_INIT;

	buf_put_html(&b, "<a href=\"x\">l'été & co</a>");
	CU_ASSERT_STRING_EQUAL(b.data,
	    "&lt;a href=&quot;x&quot;&gt;l&#39;été &amp; co&lt;/a&gt;");
	buf_free(&b);
}

static CU_TestInfo tests[] = {
	{ "grows and stays terminated", test_buf_grows_and_stays_terminated },
	{ "html escapes markup", test_buf_html_escapes_markup },
	CU_TEST_INFO_NULL,
};

int
main(void)
{
	return cu_run("buf", tests);
}
