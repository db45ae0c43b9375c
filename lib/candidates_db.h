/* candidates_db.h: the candidates file into the electors database
 * (R-DATA-2, R-DATA-3). On top of the file's own checks (candidates.h):
 * each scrutin of the file exists in the operation (round 1) and is still
 * editable (before sealing); each candidate is an elector of that
 * establishment and collège, eligible, whose name and birth date match the
 * electors file; no list has more candidates than seats; no bureau member
 * is a candidate. Any of these refuses the whole file. Gender balance
 * (L2314-30) gives warnings only. The lists and candidates of every
 * scrutin named in the file are replaced, in one transaction, journaled
 * with the file's SHA-256. With o->files_dir, each list's logo and
 * profession de foi found there (listfile.h) are checked and stored with
 * it; a bad one refuses the whole import. */
#ifndef ISOLOIR_CANDIDATES_DB_H
#define ISOLOIR_CANDIDATES_DB_H

#include <mysql.h>

#include "buf.h"
#include "err.h"
#include "import_db.h"
#include "import_electors.h"

struct cand_db_result {
	unsigned scrutins, lists, candidates;
	unsigned run;              /* import_run id */
	unsigned warnings;         /* gender balance */
	unsigned files;            /* logos and professions de foi stored */
	char sha256[65];
};

/* 0: the file was read (look at rep->nerrors: then nothing was written);
 * control receives the control list (scrutins, lists, candidates, and the
 * warnings) in French. -1: refused or failed (e filled), nothing written. */
int candidates_import_db(MYSQL *el, const char *path, const struct import_db_opts *o,
    struct import_report *rep, struct cand_db_result *res, struct buf *control,
    struct err *e);

#endif
