/* opdef.h: the operation description file (docs/operations.md): an
 * operation, its establishments, collèges, scrutins and bureaux with their
 * members, written by hand in the isoloir.conf format (lib/conf.c), parsed
 * and checked as a whole before anything is written (R-ORG-1/4/6, R-BUR). */
#ifndef ISOLOIR_OPDEF_H
#define ISOLOIR_OPDEF_H

#include <stddef.h>
#include <stdint.h>

#include <jansson.h>

#include "buf.h"
#include "bureau.h"
#include "conf.h"
#include "err.h"

#define OPDEF_MAX_ERRORS 200
#define OPDEF_SEATS_MAX 999

enum opdef_category { OPDEF_TITULAIRES, OPDEF_SUPPLEANTS };

struct opdef_place {     /* an establishment or a collège */
	const char *key; /* the section's name after the dot */
	const char *name;
	int line;
};

struct opdef_scrutin {
	size_t etab, college,
	    bureau; /* indexes in the arrays of struct opdef */
	enum opdef_category cat;
	unsigned round, seats;
	int line;
};

struct opdef_member {
	enum bureau_role role;
	const char *nom, *prenom, *matricule; /* point into the member's text */
	char *text;                           /* owned copy of the value */
	int line;
};

struct opdef_bureau {
	const char *key;
	const char *name;
	long etab; /* index, or -1 for the bureau centralisateur */
	unsigned min_others;
	struct opdef_member *members;
	size_t nmembers;
	int line;
};

struct opdef {
	struct conf *conf; /* the strings point into it */
	const char *code, *name;
	int training;
	int64_t opens, closes; /* UTC seconds */
	unsigned grace_s;
	json_t *settings; /* R-ORG-6, as stored in operation.settings */
	struct opdef_place *etabs, *colleges;
	size_t netabs, ncolleges;
	struct opdef_scrutin *scrutins;
	size_t nscrutins;
	struct opdef_bureau *bureaux;
	size_t nbureaux;
};

/* Every error found, one French line each ("ligne 12 : ..."). */
struct opdef_report {
	char **errors; /* sorted by line, then in the order found */
	int *lines;    /* the line of each (0: the whole file) */
	size_t nerrors;
};

/* Parse and check the text of a description (name for messages). NULL
 * when there is any error: e says why in one line, rep lists them all
 * (rep may be NULL). */
struct opdef *opdef_parse(const char *text, const char *name,
    struct opdef_report *rep, struct err *e);
/* The same from a file. */
struct opdef *opdef_load(
    const char *path, struct opdef_report *rep, struct err *e);
void opdef_free(struct opdef *d);
void opdef_report_free(struct opdef_report *rep);

/* Europe/Paris wall-clock time "AAAA-MM-JJ HH:MM[:SS]" to UTC seconds
 * (EU rule: summer time from the last Sunday of March to the last Sunday
 * of October, 01:00 UTC). -1 with a French reason for a malformed, a
 * skipped (spring) or an ambiguous (autumn) time. */
int opdef_paris_to_utc(const char *s, int64_t *out, struct err *e);
/* UTC seconds to "AAAA-MM-JJ HH:MM" in Europe/Paris. */
void opdef_utc_to_paris(int64_t t, char out[32]);

/* French name of a category as written in the file ("titulaires"). */
const char *opdef_category_name(enum opdef_category c);

#endif
