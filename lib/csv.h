/* csv.h: a streaming CSV reader for the imports (R-DATA-1): UTF-8 (BOM
 * optional) or Windows-1252 (detected; a file mixing both is refused,
 * naming the line), separator ';' or ',' (from the header line), RFC 4180
 * quotes (separators and line breaks inside quotes), CRLF or LF. Records
 * carry the physical line where they start; fields come out in UTF-8.
 * Memory is bounded by the longest record, not by the file. */
#ifndef ISOLOIR_CSV_H
#define ISOLOIR_CSV_H

#include <stdio.h>

#include "buf.h"
#include "err.h"

#define CSV_MAX_FIELDS 64
#define CSV_MAX_RECORD (64 * 1024)

struct csv_reader {
	FILE *f;
	int utf8;                 /* 0: Windows-1252, converted */
	char sep;
	unsigned long next_line;  /* physical line number of the next line */
	char *line;
	size_t cap;
	struct buf rec;           /* current record, raw */
	struct buf conv;          /* current record, UTF-8 */
};

struct csv_record {
	unsigned long line;       /* physical line of the record's start (header = 1) */
	size_t n;
	char *field[CSV_MAX_FIELDS];
};

/* Open and detect encoding and separator; -1 with a French message. */
int csv_open(struct csv_reader *r, const char *path, struct err *e);
/* 1 = a record, 0 = end of file, -1 = error (e says which line). Blank
 * lines are skipped (their numbers still count). */
int csv_next(struct csv_reader *r, struct csv_record *rec, struct err *e);
void csv_close(struct csv_reader *r);

/* Write one field of the files isoloir produces (';' separated, UTF-8):
 * quoted when it holds ';', '"' or a line break, then ';' or, for the last
 * field of a record, '\n'. */
void csv_write_field(FILE *f, const char *s, int last);

#endif
