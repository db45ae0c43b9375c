/* letters.h: the electors' letters as PDF (R-AUTH-1), one A4 page each,
 * the address placed for a window envelope (DL, right window): the
 * identifier letter from courrier-identifiants.csv, and the second letter
 * with the password for the electors without email nor phone from
 * canal-mots-de-passe.csv (rows of channel "courrier"), never both secrets
 * on one page. Part of libisopv.a (cairo + pango). */
#ifndef ISOLOIR_LETTERS_H
#define ISOLOIR_LETTERS_H

#include "err.h"

struct letters_info {
	const char *operation;        /* "Élections du CSE 2026 — …" */
	const char *opens, *closes;   /* "lundi 7 décembre 2026 à 09 h 00", French time */
	const char *hotline;          /* "01 23 45 67 89 (9 h – 18 h)" or NULL */
};

enum letters_kind { LETTERS_IDENTIFIER, LETTERS_PASSWORD };

/* Read the generation's CSV file (its header checked) and write the PDF;
 * *count letters (0: nothing to print, no file written). A password file
 * gives only its "courrier" rows. -1 when the file cannot be read. */
int letters_pdf(enum letters_kind kind, const char *csv, const struct letters_info *info,
    const char *pdf, unsigned long *count, struct err *e);

#endif
