/* fuzz-csv: the streaming CSV reader of the imports (lib/csv.c) on a file
 * holding the fuzz input. Invariants: every field is valid UTF-8 (whatever
 * the file's encoding) without NUL; at most CSV_MAX_FIELDS fields; record
 * lines only grow; errors name a line; and writing the records back as CSV
 * (every field quoted, same separator) and reading that file gives the
 * same records. */
#include "config.h"

#include "buf.h"
#include "csv.h"
#include "fuzz.h"
#include "text.h"

/* All records of a file, fields joined by \x1f (unit separator) and records
 * ended by \x1e; -1 on a reader error. The separator goes to *sep. */
static int
read_all(const char *path, struct buf *all, struct buf *csv, char *sep, struct err *e)
{
	struct csv_reader r;
	struct csv_record rec;
	unsigned long last = 0;
	int rc;

	if (csv_open(&r, path, e) == -1) {
		FUZZ_CHECK(e->msg[0] != '\0');
		return -1;
	}
	while ((rc = csv_next(&r, &rec, e)) == 1) {
		FUZZ_CHECK(rec.n >= 1 && rec.n <= CSV_MAX_FIELDS && rec.line > last);
		last = rec.line;
		for (size_t i = 0; i < rec.n; i++) {
			FUZZ_CHECK(text_utf8_valid(rec.field[i], strlen(rec.field[i])));
			buf_puts(all, rec.field[i]);
			buf_putc(all, i + 1 < rec.n ? '\x1f' : '\x1e');
			if (csv == NULL)
				continue;
			buf_putc(csv, '"');
			for (const char *p = rec.field[i]; *p != '\0'; p++) {
				if (*p == '"')
					buf_putc(csv, '"');
				buf_putc(csv, *p);
			}
			buf_putc(csv, '"');
			buf_putc(csv, i + 1 < rec.n ? r.sep : '\n');
		}
	}
	*sep = r.sep;
	csv_close(&r);
	if (rc == -1)
		FUZZ_CHECK(strncmp(e->msg, "ligne ", 6) == 0);
	return rc;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct buf first = BUF_INIT, again = BUF_INIT, csv = BUF_INIT;
	char path[32], sep = 0, sep2 = 0;
	int fd = fuzz_file(data, size, path), fd2;
	struct err e;

	/* Records longer than half the cap may not fit once quoted. */
	if (read_all(path, &first, &csv, &sep, &e) == 0 && csv.len < CSV_MAX_RECORD / 2) {
		fd2 = fuzz_file((const uint8_t *)(csv.data ? csv.data : ""), csv.len, path);
		FUZZ_CHECK(read_all(path, &again, NULL, &sep2, &e) == 0);
		FUZZ_CHECK(first.len == again.len &&
		    (first.len == 0 || memcmp(first.data, again.data, first.len) == 0));
		close(fd2);
	}
	close(fd);
	buf_free(&first);
	buf_free(&again);
	buf_free(&csv);
	return 0;
}
