/* listfile.h: a list's logo and profession de foi (R-VOTE-2, R-VOTE-9),
 * files named after the list in the folder given to the candidates import
 * ("Liste CGT.png" or ".svg", "Liste CGT.pdf"). Each is checked by its
 * content, not its name: a PNG or an SVG without script, event handler,
 * embedded document or image, external reference (links and url() only
 * to "#id" inside it) nor DOCTYPE for the logo (256 Kio at most), a PDF for
 * the profession de foi (4 Mio at most). Stored in the electors database
 * with the lists, served by the worker (/api/listes/fichier). */
#ifndef ISOLOIR_LISTFILE_H
#define ISOLOIR_LISTFILE_H

#include <stddef.h>

#include <mysql.h>

#include "err.h"

#define LISTFILE_LOGO_MAX (256 * 1024)
#define LISTFILE_PDF_MAX (4 * 1024 * 1024)

enum listfile_kind { LISTFILE_LOGO, LISTFILE_PROFESSION };

struct listfile {
	enum listfile_kind kind;
	const char *type; /* image/png, image/svg+xml, application/pdf */
	unsigned char *data;
	size_t len;
};

/* "logo" / "profession": the database's and the URL's name of a kind. */
const char *listfile_kind_name(enum listfile_kind k);
/* Check bytes read from file `name` as a kind; f->type set. -1 with a
 * French reason naming the file. */
int listfile_check(enum listfile_kind k, const char *name,
    const unsigned char *d, size_t n, const char **type, struct err *e);
/* Read and check dir/<list><ext> for a kind: 1 found (f filled, free it
 * with listfile_free), 0 none, -1 refused (e). Two logos (.png and .svg)
 * are refused as ambiguous. */
int listfile_load(const char *dir, const char *list, enum listfile_kind k,
    struct listfile *f, struct err *e);
void listfile_free(struct listfile *f);
/* Store (replace) a list's file, inside the caller's transaction. */
int listfile_store(
    MYSQL *el, unsigned list_id, const struct listfile *f, struct err *e);
/* A list's stored file: 1 found (f filled: type points into type_buf,
 * free with listfile_free), 0 none, -1 error. */
int listfile_get(MYSQL *db, unsigned list_id, enum listfile_kind k,
    struct listfile *f, char type_buf[64], struct err *e);

#endif
