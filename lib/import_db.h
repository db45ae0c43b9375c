/* import_db.h: the database import of the electors file (R-DATA-1): the
 * same validation as the check without database, plus the operation's
 * establishments; all or nothing in one transaction of the electors
 * database; refused once a scrutin of the operation is sealed; after the
 * freeze date (operation settings "gel_electeurs", AAAA-MM-JJ) only with a
 * justification; journaled with the file's SHA-256. Electors are matched
 * by matricule, so an elector kept from one import to the next keeps its
 * id and its credentials; electors no longer in the file are removed
 * (refused when one is a candidate or has signed the émargement). */
#ifndef ISOLOIR_IMPORT_DB_H
#define ISOLOIR_IMPORT_DB_H

#include <stdint.h>

#include <mysql.h>

#include "err.h"
#include "import_electors.h"

struct import_db_opts {
	const char *operation;        /* operation code, NULL: the first one */
	const char *actor;            /* who imports, for the journal */
	const char *justification;    /* needed after the freeze date */
	int64_t now;                  /* unix time, for the freeze date */
	const char *files_dir;        /* candidates: the lists' logos and PDFs, or NULL */
};

struct import_db_result {
	unsigned long rows, inserted, updated, removed;
	unsigned long without_scrutin;   /* electors in no scrutin (warning) */
	unsigned links;                  /* elector × scrutin rows */
	unsigned run;                    /* import_run id */
	char sha256[65];
};

/* 0: the file was read; look at rep->nerrors (then nothing was written).
 * -1: refused or failed before or after validation (e filled, French);
 * nothing was written either. */
int import_electors_db(MYSQL *el, const char *path, const struct import_db_opts *o,
    struct import_report *rep, struct import_db_result *res, struct err *e);

/* Shared with the candidates import: the hex SHA-256 of a file; lock the
 * operation's row inside the caller's transaction (imports one at a time). */
int import_file_sha256(const char *path, char hex[65], struct err *e);
int import_lock_operation(MYSQL *el, unsigned operation_id, struct err *e);

#endif
